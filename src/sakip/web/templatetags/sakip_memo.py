"""`{% memo ay "name" var ... %} ... {% endmemo %}`: the enclosed part of a page rendered once
per loaded agency-year (sakip.web.datacache.memo) and per value of the listed variables and the
active language, then reused until the agency-year's data changes.

Only for parts that depend on nothing but the agency-year and the listed variables: never put
the user, a form or a CSRF token inside.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.template.context import Context
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from sakip.web import datacache

register = template.Library()


class MemoNode(template.Node):
    def __init__(self, nodelist: NodeList, target: FilterExpression, parts: list[FilterExpression]) -> None:
        self.nodelist = nodelist
        self.target = target
        self.parts = parts

    def render(self, context: Context) -> SafeString:
        ay = self.target.resolve(context)
        key: tuple[Any, ...] = ("template-memo", *(p.resolve(context) for p in self.parts), get_language())
        return mark_safe(datacache.memo(ay, key, lambda: self.nodelist.render(context)))


@register.tag("memo")
def do_memo(parser: Parser, token: Token) -> MemoNode:
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError("{% memo ay \"name\" [variables…] %} needs an agency-year and a name")
    nodelist = parser.parse(("endmemo",))
    parser.delete_first_token()
    return MemoNode(nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]])
