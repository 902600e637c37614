import ClaimexOutput

/// The changes of one page between the baseline and a fresh extraction.
public struct PageDiff: Sendable {
    /// Whether the page and its baseline file both exist.
    public enum Status: String, Sendable, Hashable {
        /// Both exist and their records differ.
        case changed
        /// The page has no baseline file yet: every record is added.
        case new
        /// The baseline file's page is no longer among the inputs: every record is removed.
        case gone
    }

    /// The page's path as given or found (for a gone page, the path its article record names,
    /// else the baseline file).
    public let path: String
    /// The page's file in the baseline folder.
    public let baselineFile: String
    /// Whether the page is new, gone, or changed.
    public let status: Status
    /// What changed, in text order.
    public var changes: [RecordChange]

    /// Creates a page's diff.
    public init(path: String, baselineFile: String, status: Status, changes: [RecordChange]) {
        self.path = path
        self.baselineFile = baselineFile
        self.status = status
        self.changes = changes
    }

    /// How many records were added, removed and changed.
    public var counts: RuleTally {
        var tally = RuleTally(rule: "")
        for change in changes { tally.count(change.change) }
        return tally
    }
}

/// How many records a rule (or a page) gained, lost and changed.
public struct RuleTally: Sendable, Hashable {
    /// The rule's id.
    public let rule: String
    public var added = 0
    public var removed = 0
    public var changed = 0

    /// Creates an empty tally.
    public init(rule: String) { self.rule = rule }

    /// Counts one change.
    public mutating func count(_ change: RecordChange.Change) {
        switch change {
        case .added: added += 1
        case .removed: removed += 1
        case .changed: changed += 1
        }
    }

    /// `+3 -1 ~2`, leaving out the zero counts.
    public var summary: String {
        var parts: [String] = []
        if added > 0 { parts.append("+\(added)") }
        if removed > 0 { parts.append("-\(removed)") }
        if changed > 0 { parts.append("~\(changed)") }
        return parts.isEmpty ? "0" : parts.joined(separator: " ")
    }
}
