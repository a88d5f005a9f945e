"""The browser side: the Gradio app, the embeddable widget, and the server around them."""
