"""The supervision loop (督查督办): the planning office opens an item, the responsible
department answers with a rectification report (整改报告), the office closes it (销号) or
sends it back; overdue items are escalated."""
