from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "tdc.api"
    label = "tdc_api"
