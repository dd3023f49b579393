"""Translations: gettext catalogs for template wording and Welsh clause wording.

``<lang>/LC_MESSAGES/docgen.po`` holds the fixed wording of the shipped templates; each
clause record's ``cy:`` block holds that clause version's Welsh wording. Both record, for
every string, whether a speaker of the language has reviewed it.
"""
