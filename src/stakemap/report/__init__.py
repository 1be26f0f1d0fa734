"""The printed communications plan: a PDF built with reportlab platypus (report layer: core only, no Qt)."""
