"""Department assessment (部门考核): each department's score from its indicators, its lead tasks
and the timeliness of its reports, ranked, as a page and an Excel download."""
