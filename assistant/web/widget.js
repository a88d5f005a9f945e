/* casebook widget: one <script> tag adds a floating chat button that opens the compact chat.
 *   <script src="https://APP/widget.js" data-greeting="ご質問をどうぞ" data-position="bottom-right"
 *           data-open-on-load="false" data-height="560" data-width="380" data-title="事例集アシスタント"></script>
 * Everything is served by the app itself; nothing is fetched from other hosts. */
(function () {
  var script = document.currentScript;
  if (!script) { return; }
  var base = script.src.replace(/\/widget\.js(\?.*)?$/, "");
  var data = script.dataset || {};
  var position = data.position === "bottom-left" ? "left" : "right";
  var height = parseInt(data.height || "560", 10) || 560;
  var width = parseInt(data.width || "380", 10) || 380;
  var title = data.title || "広域連携事例集アシスタント";

  var button = document.createElement("button");
  button.type = "button";
  button.id = "casebook-widget-button";
  button.setAttribute("aria-label", title);
  button.textContent = "？ 事例集に質問";
  button.style.cssText = "position:fixed;bottom:20px;" + position + ":20px;z-index:2147483000;" +
    "padding:12px 16px;border-radius:24px;border:none;background:#1f5fa8;color:#fff;font-size:15px;" +
    "box-shadow:0 2px 8px rgba(0,0,0,.25);cursor:pointer;font-family:system-ui,sans-serif;";

  var panel = document.createElement("div");
  panel.id = "casebook-widget-panel";
  panel.style.cssText = "position:fixed;bottom:76px;" + position + ":20px;z-index:2147483000;width:" + width +
    "px;max-width:calc(100vw - 40px);height:" + height + "px;max-height:calc(100vh - 100px);display:none;" +
    "flex-direction:column;background:#fff;border-radius:10px;box-shadow:0 4px 16px rgba(0,0,0,.3);overflow:hidden;";
  var header = document.createElement("div");
  header.style.cssText = "padding:8px 12px;background:#1f5fa8;color:#fff;font:600 14px system-ui,sans-serif;";
  header.textContent = title;
  var greeting = document.createElement("div");
  greeting.style.cssText = "padding:6px 12px;font:13px system-ui,sans-serif;color:#333;background:#f3f6fa;";
  greeting.textContent = data.greeting || "広域連携事例集について質問できます。";
  var frame = document.createElement("iframe");
  frame.title = title;
  frame.style.cssText = "border:0;flex:1;width:100%;";
  frame.setAttribute("loading", "lazy");
  panel.appendChild(header);
  panel.appendChild(greeting);
  panel.appendChild(frame);

  function open() {
    if (!frame.src) { frame.src = base + "/embed/"; }
    panel.style.display = "flex";
  }
  button.addEventListener("click", function () {
    if (panel.style.display === "flex") { panel.style.display = "none"; } else { open(); }
  });
  document.body.appendChild(panel);
  document.body.appendChild(button);
  if (data.openOnLoad === "true") { open(); }
})();
