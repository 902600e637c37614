import ClaimexHTML
import ClaimexModel
import Foundation

/// Why no article could be taken from a parsed page.
public enum ArticleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The page holds no readable text outside scripts, styles and furniture.
    case noText
    /// The page went over its time budget, or the run is stopping.
    case abandoned(PageAbandoned)

    public var description: String {
        switch self {
        case .noText:
            "the page has no article text (only scripts, navigation or furniture); check that it is an article page and not an app shell, a redirect or an error page"
        case .abandoned(let reason):
            reason.description
        }
    }
}

/// Turns a parsed page into an `Article`: its metadata and its main text as blocks.
///
/// The main text is the best-scoring container of paragraphs and the siblings that
/// continue it, with furniture (navigation, ads, share bars, newsletter boxes, related
/// stories, comments, footers) left out. The headline comes first. When the page's own
/// markup holds less text than its JSON-LD `articleBody`, the `articleBody` is used.
public struct ArticleExtractor: Sendable {
    /// Creates an extractor.
    public init() {}

    /// How a page is best parsed for this extractor: the attributes it reads (by
    /// `MetadataExtractor`, `BoilerplateHints` and `MainContentFinder`; a `link`'s `href`
    /// for the canonical address) and the one raw text it reads, JSON-LD. A page parsed
    /// with every attribute and all raw text gives the same article.
    public static func parseLimits(maxDepth: Int) -> ParseLimits {
        ParseLimits(maxDepth: maxDepth, rawText: .jsonLDOnly, attributes: attributesRead)
    }

    /// The attributes read from a page's elements.
    public static let attributesRead = ParseLimits.Attributes(
        names: ["class", "id", "role", "hidden", "aria-hidden", "style", "itemprop", "lang", "xml:lang", "property", "name",
                "http-equiv", "content", "rel", "datetime", "type"],
        keptOn: ["link": ["href"]])

    /// The article of `document`; `deadline` is checked as the page's elements are scored
    /// and walked, and a page over it throws `.abandoned`.
    public func article(from document: HTMLDocument, deadline: Deadline = .none) throws(ArticleError) -> Article {
        do {
            return try build(document, deadline: deadline)
        } catch let error as ArticleError {
            throw error
        } catch let reason as PageAbandoned {
            throw .abandoned(reason)
        } catch {
            preconditionFailure("unexpected error \(error)")
        }
    }

    private func build(_ document: HTMLDocument, deadline: Deadline) throws -> Article {
        let facts = MetadataExtractor.facts(of: document.tree)
        let metadata = MetadataExtractor.metadata(from: facts)

        let tree = PageTree(tree: document.tree)
        try deadline.check("indexing the page's elements")
        let finder = try MainContentFinder(tree: tree, deadline: deadline)
        var builder = BlockBuilder(tree: tree, isRemoved: finder.isRemoved, deadline: deadline)
        var drafts = try builder.build(from: finder.contentRoots())

        if let body = facts.jsonLD.articleBody, Self.letterCount(body) > Self.letterCount(drafts) {
            drafts = try Self.blocks(ofArticleBody: body, deadline: deadline)
        }
        drafts = Self.withHeadline(drafts, title: metadata.title ?? facts.firstH1)
        drafts = Self.withoutRepeats(drafts)
        guard drafts.contains(where: { $0.kind != .heading }) else { throw ArticleError.noText }
        return Self.assemble(drafts, metadata: metadata)
    }

    // MARK: - Steps

    /// Puts the headline first, unless one of the first blocks already is it.
    static func withHeadline(_ drafts: [DraftBlock], title: String?) -> [DraftBlock] {
        guard let title, !title.isEmpty else { return drafts }
        var blocks = drafts
        if let index = blocks.prefix(4).firstIndex(where: { $0.kind == .heading && $0.text == title }) {
            let headline = blocks.remove(at: index)
            blocks.insert(DraftBlock(kind: .heading, level: 1, text: headline.text), at: 0)
            return blocks
        }
        blocks.insert(DraftBlock(kind: .heading, level: 1, text: title), at: 0)
        return blocks
    }

    /// Drops a block that repeats the one before it (a headline printed twice, a duplicated teaser).
    static func withoutRepeats(_ drafts: [DraftBlock]) -> [DraftBlock] {
        var result: [DraftBlock] = []
        for draft in drafts where result.last?.text != draft.text {
            result.append(draft)
        }
        return result
    }

    /// Paragraphs of a JSON-LD `articleBody`: blank-line separated, or line separated when
    /// it has no blank lines; HTML inside it is parsed.
    static func blocks(ofArticleBody body: String, deadline: Deadline = .none) throws(PageAbandoned) -> [DraftBlock] {
        if body.contains("</p>") || body.contains("<br"), let document = try? HTMLDocument.parse(Array(body.utf8)) {
            let tree = PageTree(tree: document.tree)
            var builder = BlockBuilder(tree: tree, isRemoved: { _ in false }, deadline: deadline)
            return try builder.build(from: [0])
        }
        let normalized = body.replacingOccurrences(of: "\r\n", with: "\n")
        let separator = normalized.contains("\n\n") ? "\n\n" : "\n"
        return normalized.components(separatedBy: separator)
            .map { DraftBlock(kind: .paragraph, level: nil, text: TextCleaner.clean($0)) }
            .filter { !$0.text.isEmpty }
    }

    static func letterCount(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.properties.isAlphabetic ? 1 : 0) }
    }

    static func letterCount(_ drafts: [DraftBlock]) -> Int {
        drafts.reduce(0) { $0 + letterCount($1.text) }
    }

    /// Joins blocks with blank lines and records each block's span in Unicode scalars.
    static func assemble(_ drafts: [DraftBlock], metadata: ArticleMetadata) -> Article {
        var text = ""
        var blocks: [Block] = []
        var offset = 0
        for (index, draft) in drafts.enumerated() {
            if index > 0 {
                text += "\n\n"
                offset += 2
            }
            let length = draft.text.unicodeScalars.count
            blocks.append(Block(kind: draft.kind, span: TextSpan(offset, offset + length), level: draft.level))
            text += draft.text
            offset += length
        }
        return Article(metadata: metadata, text: text, blocks: blocks)
    }
}
