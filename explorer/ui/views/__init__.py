"""Qt views: canvas, browser, inspector, query editor."""
