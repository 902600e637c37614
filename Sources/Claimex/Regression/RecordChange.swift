import ClaimexOutput

/// One field whose value differs between a baseline record and the fresh record it pairs with.
public struct FieldChange: Sendable, Hashable {
    /// The field's name (`role`, `value`, `mentions`).
    public let field: String
    /// The value in the baseline, or nil when the baseline record has no such field.
    public let before: JSONValue?
    /// The value now, or nil when the fresh record has no such field.
    public let after: JSONValue?

    /// Creates a field change.
    public init(field: String, before: JSONValue?, after: JSONValue?) {
        self.field = field
        self.before = before
        self.after = after
    }
}

/// A record that appeared, disappeared or changed between the baseline and a fresh extraction.
public struct RecordChange: Sendable {
    /// What happened to the record.
    public enum Change: String, Sendable, Hashable {
        /// Only in the fresh extraction (`+`).
        case added
        /// Only in the baseline (`-`).
        case removed
        /// In both, paired by a looser identity than `id`, with fields that differ (`~`).
        case changed

        /// The sign printed before the record: `+`, `-` or `~`.
        public var sign: String {
            switch self {
            case .added: "+"
            case .removed: "-"
            case .changed: "~"
            }
        }
    }

    /// What happened.
    public let change: Change
    /// The baseline record (nil when added).
    public let before: JSONValue?
    /// The fresh record (nil when removed).
    public let after: JSONValue?
    /// For `changed`, the fields that differ, in the record's field order; `id` is left out
    /// (it follows the content, so it changes whenever anything listed here does).
    public let fields: [FieldChange]
    /// The sentence of the text the record is about, when it could be found.
    public var sentence: String?

    /// Creates a change.
    public init(change: Change, before: JSONValue?, after: JSONValue?, fields: [FieldChange] = [], sentence: String? = nil) {
        self.change = change
        self.before = before
        self.after = after
        self.fields = fields
        self.sentence = sentence
    }

    /// The record as it is now, or as it was when removed.
    public var record: JSONValue { after ?? before ?? .null }

    /// The record's kind (`money`, `entity`, `investment`, `article`, `error`).
    public var kind: String { record[member: "kind"]?.stringValue ?? "?" }

    /// The fields a role rule decides: a change to only these is the role rule's doing.
    public static let roleFields: Set<String> = ["role", "role_rule", "subject"]

    /// The rules this change is charged to: the record's `rule` (both when a changed record
    /// is now made by another rule); when its role or subject moved, its `role_rule`s, and
    /// only those when nothing else changed. Article and error records, which no rule makes,
    /// are charged to `(article)` and `(error)`.
    public var rules: [String] {
        var names: [String] = []
        func add(_ value: JSONValue?) {
            if let name = value?.stringValue, !names.contains(name) { names.append(name) }
        }
        let roleMoved = change == .changed && fields.contains { Self.roleFields.contains($0.field) }
        if roleMoved {
            for record in [before, after] { add(record?[member: "role_rule"]) }
        }
        let onlyRole = roleMoved && !names.isEmpty && fields.allSatisfy { Self.roleFields.contains($0.field) }
        if !onlyRole {
            let roleRules = names
            names = []
            for record in [before, after] { add(record?[member: "rule"]) }
            for name in roleRules where !names.contains(name) { names.append(name) }
        }
        if names.isEmpty { names.append("(\(kind))") }
        return names
    }
}
