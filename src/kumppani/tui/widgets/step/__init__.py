"""The widgets of the step view."""
