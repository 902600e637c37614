/// The shape of one record field, as `RecordEncoder` writes it.
public indirect enum FieldType: Sendable {
    /// Any string.
    case string
    /// A string that always holds one fixed value (`kind`).
    case constantString(String)
    /// An integer that always holds one fixed value (`v`).
    case constantInteger(Int)
    /// An id: 16 lowercase hex digits.
    case hexID
    /// An ISO 4217 currency code: three capital letters.
    case currencyCode
    /// A whole number.
    case integer
    /// An exact decimal number.
    case number
    /// `true` or `false`.
    case boolean
    /// A string from a fixed set.
    case choice([String])
    /// The type, or null.
    case nullable(FieldType)
    /// A `[start, end)` pair of code-point offsets into the article's text.
    case span
    /// An array of elements of one type, optionally of a fixed length.
    case array(FieldType, count: Int? = nil)
    /// An object with fixed fields, given a name so schemas can share it (`party`, `amount`).
    case object(name: String, fields: [Field])
}

/// One field of a record or nested object.
public struct Field: Sendable {
    /// The key in the JSON object.
    public let name: String
    /// What the value is.
    public let type: FieldType
    /// Whether every record has the field; optional fields are left out when they do not apply.
    public let isRequired: Bool
    /// What the field means, for the JSON Schema's `description`.
    public let summary: String

    /// Creates a field.
    public init(_ name: String, _ type: FieldType, required: Bool = true, _ summary: String) {
        self.name = name
        self.type = type
        self.isRequired = required
        self.summary = summary
    }
}

/// One kind of record: its fields in the order they are written, and the fields that
/// identify a record of the kind in a table.
public struct RecordKind: Sendable {
    /// The record's `kind` (`article`, `entity`, ...).
    public let name: String
    /// What a record of this kind stands for.
    public let summary: String
    /// The field that identifies a record in a table: `id` for claims, `doc` for articles,
    /// `path` for errors (an unreadable page has no `doc`).
    public let key: String
    /// The fields, in the order `RecordEncoder` writes them.
    public let fields: [Field]
    /// The columns of this kind's table (CSV file, SQLite table), made from `fields`.
    public let columns: [Column]

    /// Creates a kind; its columns are derived from its fields.
    public init(name: String, summary: String, key: String, fields: [Field]) {
        self.name = name
        self.summary = summary
        self.key = key
        self.fields = fields
        self.columns = Self.columns(of: fields)
    }
}

/// The record format, version 1: every kind `claimex extract` writes and every field of it.
///
/// This is the one list of fields: the JSON Schema (`claimex schema`), the CSV columns and
/// the SQLite tables are all made from it, and the tests hold `RecordEncoder`'s output to it.
public enum RecordSchema {
    /// Every record kind, in the order pages' records come in.
    public static let kinds: [RecordKind] = [article, entity, money, investment, error]

    /// The kind named `name`, if any.
    public static func kind(named name: String) -> RecordKind? {
        kinds.first { $0.name == name }
    }

    // MARK: - Shared shapes

    static let party = FieldType.object(name: "party", fields: [
        Field("name", .string, "the entity's canonical name"),
        Field("key", .string, "the entity's stable key (`org:mistral-ai`)"),
    ])

    static let qualifiers = ["approx", "more_than", "less_than", "at_least", "at_most", "nearly"]

    static let amountFields: [Field] = [
        Field("value", .number, "the amount in units of the currency (the low end of a range)"),
        Field("currency", .currencyCode, "ISO 4217 currency code"),
        Field("qualifier", .nullable(.choice(qualifiers)), "how the amount is hedged, or null"),
        Field("range", .array(.number, count: 2), required: false, "`[low, high]`, only for ranges"),
        Field("period", .choice(["year", "quarter", "month"]), required: false, "the period of a rate, only for rates"),
        Field("text", .string, "the amount as written, qualifier included"),
        Field("span", .span, "where `text` is in the article's text"),
    ]

    static let amount = FieldType.object(name: "amount", fields: amountFields)

    static func header(_ kind: String, doc: FieldType = .hexID) -> [Field] {
        [
            Field("v", .constantInteger(RecordEncoder.contractVersion), "the record format's version"),
            Field("kind", .constantString(kind), "the record's kind"),
            Field("doc", doc, "the page's id: the first 16 hex digits of the SHA-256 of its bytes"),
        ]
    }

    static let claimHeader: [Field] = [
        Field("id", .hexID, "the claim's id, stable across runs"),
        Field("rule", .string, "the id of the rule that made the claim"),
    ]

    // MARK: - Kinds

    static let article = RecordKind(
        name: "article", summary: "A page's main text and metadata; one per page that could be read, first.",
        key: "doc",
        fields: header("article") + [
            Field("path", .string, "the page's path as given or found under a given folder"),
            Field("title", .nullable(.string), "the headline"),
            Field("byline", .nullable(.string), "the author(s) as printed"),
            Field("published", .nullable(.string), "the publication date, ISO 8601"),
            Field("url", .nullable(.string), "the canonical URL"),
            Field("site", .nullable(.string), "the site or publisher"),
            Field("lang", .nullable(.string), "the page's language tag"),
            Field("encoding", .nullable(.string), "the character encoding the page was read in"),
            Field("text", .string, "the main text, blocks separated by a blank line"),
            Field("blocks", .array(.object(name: "block", fields: [
                Field("kind", .choice(["heading", "paragraph", "list_item", "table_row", "quote", "preformatted"]), "what the block is"),
                Field("span", .span, "where the block is in `text`"),
                Field("level", .integer, required: false, "the heading level, for headings"),
            ])), "the blocks of `text`, in order"),
        ])

    static let entity = RecordKind(
        name: "entity", summary: "A distinct entity of a page with every mention of it.",
        key: "id",
        fields: header("entity") + claimHeader + [
            Field("type", .choice(["ORG", "PERSON", "PRODUCT", "GPE"]), "the entity's type"),
            Field("name", .string, "the canonical name"),
            Field("key", .string, "the key, stable across pages"),
            Field("mentions", .array(.span), "every mention, short forms included"),
        ])

    static let money = RecordKind(
        name: "money", summary: "A money amount stated in a page, with its role and subject.",
        key: "id",
        fields: header("money") + claimHeader + amountFields + [
            Field("role", .choice(["investment", "funding", "valuation", "revenue", "spending", "acquisition", "other"]),
                  "what the amount is"),
            Field("subject", .nullable(party), "the entity the amount is about, or null"),
            Field("role_rule", .string, required: false, "the rule that gave the role, when one did"),
        ])

    static let investment = RecordKind(
        name: "investment", summary: "One investor → investee edge.",
        key: "id",
        fields: header("investment") + claimHeader + [
            Field("investor", .nullable(party), "who invests, or null when the text names no one"),
            Field("investee", party, "who receives the investment"),
            Field("amount", .nullable(amount), "the amount invested, or null"),
            Field("joint", .boolean, "whether the amount is shared with `co_investors`"),
            Field("co_investors", .array(party), "the other investors of the same amount"),
            Field("modality", .choice(["asserted", "reported", "planned", "negated", "rumored"]), "how the text states it"),
            Field("evidence", .object(name: "evidence", fields: [
                Field("span", .span, "where the sentence is"),
                Field("text", .string, "the sentence"),
            ]), "the sentence that states it"),
        ])

    static let error = RecordKind(
        name: "error", summary: "A page that could not be processed.",
        key: "path",
        fields: header("error", doc: .nullable(.hexID)) + [
            Field("path", .string, "the page's path"),
            Field("stage", .choice(["read", "decode", "parse", "extract"]), "where it failed"),
            Field("message", .string, "what went wrong and what to do about it"),
        ])
}
