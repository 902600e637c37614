import ClaimexModel

/// A block of text before it is placed in the article: its kind, heading level and text.
struct DraftBlock: Equatable {
    var kind: BlockKind
    var level: Int?
    var text: String
}

/// Turns the chosen containers of a page into blocks: headings, paragraphs, list items
/// and table rows, in document order, skipping furniture inside them.
///
/// Inline content (text, links, emphasis) between block elements forms paragraphs; two or
/// more `<br>` in a row end a paragraph, so old pages built from `<br><br>` read right.
struct BlockBuilder {
    let tree: PageTree
    let isRemoved: (Int) -> Bool
    /// Checked every `MainContentFinder.checkInterval` nodes visited.
    let deadline: Deadline
    private(set) var blocks: [DraftBlock] = []
    private var pending = ""
    private var pendingBreaks = 0
    /// How many list items the walk is inside: their paragraphs are list items too.
    private var listItemDepth = 0
    private var visited = 0

    init(tree: PageTree, isRemoved: @escaping (Int) -> Bool, deadline: Deadline) {
        self.tree = tree
        self.isRemoved = isRemoved
        self.deadline = deadline
    }

    /// Short lines that sit inside article containers but are never article text.
    static let furnitureLines: Set<String> = [
        "advertisement", "advertisements", "sponsored", "sponsored content", "story continues below",
        "continue reading below", "article continues below", "story continues below advertisement",
        "scroll to continue with content", "share", "share this article", "share this story", "read more",
        "related", "related stories", "related articles", "skip advertisement", "supported by",
    ]
    /// Blocks longer than this are not furniture lines: the longest line with up to 16 bytes
    /// of punctuation around it. Only shorter blocks are lowercased and trimmed to compare.
    static let furnitureLineLimit = furnitureLines.map(\.utf8.count).max()! + 16

    mutating func build(from roots: [Int]) throws(PageAbandoned) -> [DraftBlock] {
        for root in roots {
            try visit(root)
        }
        flush(as: .paragraph)
        return blocks
    }

    // MARK: - Walk

    private mutating func visit(_ index: Int) throws(PageAbandoned) {
        visited += 1
        if visited % MainContentFinder.checkInterval == 0 {
            try deadline.check("building the article's blocks, element \(index) of \(tree.indices.count)")
        }
        if let text = tree.text(index) {
            append(text)
            return
        }
        if isRemoved(index) { return }
        let name = tree.name(index)
        switch name {
        case "br":
            pendingBreaks += 1
            if pendingBreaks >= 2 { flush(as: .paragraph) } else { pending += " " }
            return
        case "h1", "h2", "h3", "h4", "h5", "h6":
            flush(as: .paragraph)
            let level = Int(String(name.dropFirst())) ?? 2
            emit(DraftBlock(kind: .heading, level: level, text: inlineText(index)))
            return
        case "p":
            flush(as: .paragraph)
            if tree.linkDensity(index) > 0.5 && tree[index].textLength < 200 {
                // "Read more: <a>…</a>", "Follow us on …": a line of links, not prose.
                return
            }
            // A paragraph inside a list item (<li><p>…</p></li>) is still that list's item.
            let kind: BlockKind = listItemDepth > 0 ? .listItem : .paragraph
            if hasBlockChildren(index) {
                try visitChildren(index)
                flush(as: kind)
            } else {
                try emitSplittingBreaks(index, kind: kind)
            }
            return
        case "li", "dt", "dd":
            flush(as: .paragraph)
            if hasBlockChildren(index) {
                // A list item holding paragraphs or a nested list: its own text first, then the rest.
                listItemDepth += 1
                defer { listItemDepth -= 1 }
                try visitChildren(index)
                flush(as: .listItem)
            } else {
                emit(DraftBlock(kind: .listItem, level: nil, text: inlineText(index)))
            }
            return
        case "tr":
            flush(as: .paragraph)
            try emitRow(index)
            return
        case "pre":
            flush(as: .paragraph)
            emit(DraftBlock(kind: .preformatted, level: nil, text: inlineText(index)))
            return
        case "blockquote":
            flush(as: .paragraph)
            if hasBlockChildren(index) {
                try visitChildren(index)
                flush(as: .quote)
            } else {
                try emitSplittingBreaks(index, kind: .quote)
            }
            return
        case "figcaption":
            // Captions describe a picture, not the story.
            return
        case "hr":
            flush(as: .paragraph)
            return
        default:
            break
        }
        if InlineTags.contains(name) {
            if name == "a", isLoneLink(index) {
                // A link alone on its line between blocks ("Read more: ..."), not prose.
                return
            }
            try visitChildren(index)
            return
        }
        flush(as: .paragraph)
        try visitChildren(index)
        flush(as: .paragraph)
    }

    private mutating func visitChildren(_ index: Int) throws(PageAbandoned) {
        for child in tree.children(of: index) {
            try visit(child)
        }
    }

    // MARK: - Blocks

    private mutating func append(_ text: String) {
        if text.contains(where: { !$0.isWhitespace }) { pendingBreaks = 0 }
        pending += text
    }

    private mutating func flush(as kind: BlockKind) {
        pendingBreaks = 0
        guard !pending.isEmpty else { return }
        let text = pending
        pending = ""
        emit(DraftBlock(kind: kind, level: nil, text: text))
    }

    private mutating func emit(_ draft: DraftBlock) {
        var block = draft
        block.text = TextCleaner.clean(block.text)
        guard !block.text.isEmpty else { return }
        guard block.text.utf8.count > Self.furnitureLineLimit
            || !Self.furnitureLines.contains(block.text.lowercased().trimmingCharacters(in: .punctuationCharacters)) else { return }
        blocks.append(block)
    }

    private mutating func emitSplittingBreaks(_ index: Int, kind: BlockKind) throws(PageAbandoned) {
        var builder = BlockBuilder(tree: tree, isRemoved: isRemoved, deadline: deadline)
        builder.visited = visited
        try builder.visitChildren(index)
        visited = builder.visited
        builder.flush(as: kind)
        for var block in builder.blocks {
            if block.kind == .paragraph { block.kind = kind }
            emit(block)
        }
    }

    /// One table row: a block of its cells joined by ` | `, unless the cells hold
    /// paragraphs or tables (a layout table), which are walked as containers instead.
    private mutating func emitRow(_ index: Int) throws(PageAbandoned) {
        let cells = tree.children(of: index).filter { ["td", "th"].contains(tree.name($0)) && !isRemoved($0) }
        if cells.contains(where: { hasBlockChildren($0) }) {
            for cell in cells {
                try visitChildren(cell)
                flush(as: .paragraph)
            }
            return
        }
        let texts = cells.map { TextCleaner.clean(inlineText($0)) }
        guard texts.contains(where: { !$0.isEmpty }) else { return }
        emit(DraftBlock(kind: .tableRow, level: nil, text: texts.joined(separator: " | ")))
    }

    /// The text under a node with furniture skipped and `<br>` read as a space.
    private func inlineText(_ index: Int) -> String {
        tree.rawText(index, skipping: isRemoved)
    }

    private func hasBlockChildren(_ index: Int) -> Bool {
        tree.children(of: index).contains { child in
            if tree[child].isText { return false }
            let name = tree.name(child)
            return !(InlineTags.contains(name) || name == "br" || PageTree.ignoredTags.contains(name))
        }
    }

    /// Whether a link stands alone between blocks: nothing but whitespace around it in its parent.
    private func isLoneLink(_ index: Int) -> Bool {
        guard !pending.contains(where: { !$0.isWhitespace }) else { return false }
        let parent = tree[index].parent
        guard parent >= 0 else { return false }
        if ["p", "li", "td", "h1", "h2", "h3", "h4", "h5", "h6"].contains(tree.name(parent)) { return false }
        // The siblings after the link: the next one that is not an empty text.
        var next = tree[index].end
        while next < tree[parent].end, tree[next].isText, tree[next].textLength == 0 { next = tree[next].end }
        if next < tree[parent].end, tree[next].isText || InlineTags.contains(tree.name(next)) { return false }
        return true
    }
}

import Foundation
