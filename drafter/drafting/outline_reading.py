"""Reading 大纲: the order and nesting of headings a year-data file asks for."""

from __future__ import annotations

from ..core.validate import describe, unknown_hint
from . import keys as K
from .model import OutlineNode


class OutlineReading:
    """The 大纲 part of the year-data reader (mixed into it; uses its problem())."""

    def outline(self, raw, sections: dict) -> list[OutlineNode] | None:
        """大纲: a nested list of section names giving the order and nesting of headings."""
        seen: set[str] = set()
        nodes = self.outline_nodes(raw, (K.OUTLINE,), 1, seen)
        for section_id, data in sections.items():
            if data.has_content() and section_id not in seen:
                self.problem(
                    data.path,
                    f"章节“{data.section.key}”有内容，但没有列入“大纲”",
                    at_key=True,
                    hint="在“大纲”中加上它，或删除“大纲”以使用惯例顺序",
                )
        for section_id in seen - set(sections):
            self.problem(
                (K.OUTLINE,),
                f"“大纲”列出的章节“{self.schema.by_id(section_id).key}”在数据中没有",
                '补上该章节（可写成 章节名: ""），或从大纲中删去',
            )
        return nodes

    def outline_nodes(self, raw, path: tuple, depth: int, seen: set) -> list[OutlineNode]:
        """The nodes of one level of 大纲."""
        if not isinstance(raw, list):
            self.problem(path, f"“大纲”应当是列表（每项以“- ”开头），实际是{describe(raw)}")
            return []
        nodes = []
        for i, entry in enumerate(raw):
            name, children = entry, []
            if isinstance(entry, dict) and len(entry) == 1:
                name, children = next(iter(entry.items()))
            node = self.outline_node(name, children, path + (i,), depth, seen)
            if node is not None:
                nodes.append(node)
        return nodes

    def outline_node(self, name, children, path, depth, seen) -> OutlineNode | None:
        """One 大纲 entry: a known section, listed once, at most two levels deep."""
        section = self.schema.get(name) if isinstance(name, str) else None
        if section is None:
            self.problem(
                path, f"大纲中未知的章节“{name}”", unknown_hint(str(name), self.schema.names())
            )
            return None
        if section.id in seen:
            self.problem(path, f"章节“{section.key}”在大纲中出现了两次")
            return None
        if depth > K.MAX_OUTLINE_DEPTH:
            self.problem(path, f"大纲最多两层，“{section.key}”在第{depth}层", "把它移到上一层")
            return None
        seen.add(section.id)
        return OutlineNode(
            section.id, self.outline_nodes(children or [], path + (section.key,), depth + 1, seen)
        )
