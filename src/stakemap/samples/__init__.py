"""Sample maps shipped with Stakemap (core layer): built in code, saved to resources/samples/ for the app.

``python -m stakemap.samples`` regenerates the bundled files.
"""

from __future__ import annotations
