"""What attachments add: files on any record, with their screens and API."""

from tdc.core.modules import Module, Mount

MODULE = Module(
    urls=[Mount("attachments/", "tdc.attachments.urls")],
    api=[Mount("", "tdc.attachments.api.urls")],
    matrix_subjects="tdc.attachments.tests.subjects",
)
