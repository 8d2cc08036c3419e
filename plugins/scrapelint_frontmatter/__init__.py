"""FM: front matter that a site generator would silently ignore, misread or choke on.

A pluggy plugin registered through the ``scrapelint`` entry-point group, exactly like an outside pack.
"""

from __future__ import annotations

from scrapelint import hookimpl


@hookimpl
def scrapelint_rules() -> list:
    # Imported here, not at module level, so that loading the plugin costs nothing until rules are needed.
    from scrapelint_frontmatter.rules import (
        duplicate_key,
        field_type,
        invalid,
        mangled_title,
        not_at_start,
        required_field,
        too_large,
        unclosed,
        unsafe_yaml,
    )

    return [
        not_at_start.FrontMatterNotAtStart,
        unclosed.FrontMatterUnclosed,
        invalid.FrontMatterInvalid,
        duplicate_key.FrontMatterDuplicateKey,
        unsafe_yaml.FrontMatterUnsafeYaml,
        too_large.FrontMatterTooLarge,
        required_field.FrontMatterRequiredField,
        field_type.FrontMatterFieldType,
        mangled_title.FrontMatterMangledTitle,
    ]
