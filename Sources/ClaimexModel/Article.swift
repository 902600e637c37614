/// What kind of text a block of the main text is.
public enum BlockKind: String, Sendable, Hashable, Codable {
    /// The article's headline or a subheading.
    case heading
    /// A paragraph of body text.
    case paragraph
    /// One item of a bulleted or numbered list.
    case listItem = "list_item"
    /// One table row, its cells joined by ` | `.
    case tableRow = "table_row"
    /// A block quotation.
    case quote
    /// Preformatted text.
    case preformatted
}

/// One block of an article's main text: a heading, paragraph, list item or table row.
public struct Block: Sendable, Hashable {
    /// What the block is.
    public let kind: BlockKind
    /// Where the block is in `Article.text`.
    public let span: TextSpan
    /// The heading level (1 for the headline), nil for other kinds.
    public let level: Int?

    /// Creates a block.
    public init(kind: BlockKind, span: TextSpan, level: Int? = nil) {
        self.kind = kind
        self.span = span
        self.level = level
    }
}

/// An article's metadata, as the page states it.
public struct ArticleMetadata: Sendable, Hashable {
    /// The headline.
    public var title: String?
    /// The author(s) as printed.
    public var byline: String?
    /// The publication date, ISO 8601.
    public var published: String?
    /// The canonical URL.
    public var url: String?
    /// The site or publisher name.
    public var site: String?
    /// The BCP 47 language tag.
    public var lang: String?

    /// Creates metadata; every field defaults to unknown.
    public init(title: String? = nil, byline: String? = nil, published: String? = nil,
                url: String? = nil, site: String? = nil, lang: String? = nil) {
        self.title = title
        self.byline = byline
        self.published = published
        self.url = url
        self.site = site
        self.lang = lang
    }
}

/// An article: its metadata and main text, cut into blocks separated by blank lines.
public struct Article: Sendable, Hashable {
    /// The page's metadata.
    public let metadata: ArticleMetadata
    /// The main text, blocks joined by `\n\n`.
    public let text: String
    /// The blocks of `text`, in order, with their spans in Unicode scalars.
    public let blocks: [Block]

    /// Creates an article from its parts.
    public init(metadata: ArticleMetadata, text: String, blocks: [Block]) {
        self.metadata = metadata
        self.text = text
        self.blocks = blocks
    }
}
