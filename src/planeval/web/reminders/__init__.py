"""Reminders of reporting deadlines (催报) by e-mail to the departments that have not submitted."""
