"""Reading a question once: numerals, dates, names, attributes, the operation asked for
(`parse`), which answerer it is for (`intent`) and, for record questions, a query plan
over the facts store (`plan`)."""
