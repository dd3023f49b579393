"""Translations: gettext catalogs for template wording and Welsh clause wording.

``<lang>/LC_MESSAGES/docgen.po`` holds the fixed wording of the shipped templates;
``<lang>/clauses.yaml`` holds each clause version's wording in that language. Both record,
for every string, whether a speaker of the language has reviewed it.
"""
