"""How the API's answers are written: JSON, and DRF's browsable pages for a browser.

The site's Content-Security-Policy (``CONTENT_SECURITY_POLICY`` in the settings) allows no inline
style: DRF's browsable page writes the colours of its code highlighting as an inline ``<style>``
element, which the browser would refuse. :class:`BrowsableAPIRenderer` leaves it out; the page
keeps its own stylesheets and scripts, all served by the site.
"""

from __future__ import annotations

from typing import Any

from rest_framework import renderers


class BrowsableAPIRenderer(renderers.BrowsableAPIRenderer):
    """DRF's browsable API without the inline ``<style>`` of code highlighting."""

    def get_context(
        self, data: Any, accepted_media_type: str | None, renderer_context: dict[str, Any]
    ) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context(data, accepted_media_type, renderer_context)
        context["code_style"] = None
        return context
