from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    """Department assessment (部门考核): the page, its Excel download and its translations."""

    name = "planeval.web.assessment"
    label = "assessment"
    verbose_name = "planeval assessment"
