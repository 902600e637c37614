import ClaimexOutput

/// Pairs the records of one page in the baseline with those of a fresh extraction and says
/// what was added, removed and changed.
///
/// Records equal in every field are unchanged. The rest are paired in passes, each looser
/// than the one before, and a pair's differing fields make a `changed` record:
/// 1. the same `id` (the article and an error record: the same kind, one per page);
/// 2. the same kind and anchor: an entity's `key`; an amount's `span`; an edge's evidence
///    sentence, investor and investee;
/// 3. the same kind and an overlapping place in the text: an entity of the same type with a
///    mention in common; an amount whose span overlaps; an edge with the same investee in an
///    overlapping evidence sentence.
/// What is left is `removed` (baseline) or `added` (fresh). Changes come in text order.
public struct RecordDiffer: Sendable {
    /// Creates a differ.
    public init() {}

    /// The changes from `baseline` to `fresh`, both one page's records.
    public func changes(from baseline: [JSONValue], to fresh: [JSONValue]) -> [RecordChange] {
        // Records equal in every field are set aside first, as a multiset.
        var unmatchedCounts: [String: Int] = [:]
        let baselineText = baseline.map { $0.serialized() }
        let freshText = fresh.map { $0.serialized() }
        for text in baselineText { unmatchedCounts[text, default: 0] += 1 }
        var freshLeft: [Int] = []
        for (index, text) in freshText.enumerated() {
            if let count = unmatchedCounts[text], count > 0 {
                unmatchedCounts[text] = count - 1
            } else {
                freshLeft.append(index)
            }
        }
        var baselineLeft: [Int] = []
        for (index, text) in baselineText.enumerated() {
            if let count = unmatchedCounts[text], count > 0 {
                unmatchedCounts[text] = count - 1
                baselineLeft.append(index)
            }
        }

        var changes: [RecordChange] = []
        let passes: [(JSONValue, JSONValue) -> Bool] = [Self.sameIdentity, Self.sameAnchor, Self.samePlace]
        for pass in passes {
            var stillFresh: [Int] = []
            for freshIndex in freshLeft {
                if let position = baselineLeft.firstIndex(where: { pass(baseline[$0], fresh[freshIndex]) }) {
                    let before = baseline[baselineLeft.remove(at: position)]
                    changes.append(RecordChange(change: .changed, before: before, after: fresh[freshIndex],
                                                fields: Self.fieldChanges(before, fresh[freshIndex])))
                } else {
                    stillFresh.append(freshIndex)
                }
            }
            freshLeft = stillFresh
        }
        changes += baselineLeft.map { RecordChange(change: .removed, before: baseline[$0], after: nil) }
        changes += freshLeft.map { RecordChange(change: .added, before: nil, after: fresh[$0]) }
        return changes.enumerated().sorted { a, b in
            let x = Self.order(a.element), y = Self.order(b.element)
            return (x.0, x.1, a.offset) < (y.0, y.1, b.offset)
        }.map(\.element)
    }

    /// The fields of `before` and `after` whose values differ, `id` left out.
    public static func fieldChanges(_ before: JSONValue, _ after: JSONValue) -> [FieldChange] {
        var names: [String] = before.members.map(\.0)
        for (name, _) in after.members where !names.contains(name) { names.append(name) }
        return names.filter { $0 != "id" }.compactMap { name in
            let old = before[member: name], new = after[member: name]
            guard old?.serialized() != new?.serialized() else { return nil }
            return FieldChange(field: name, before: old, after: new)
        }
    }

    // MARK: - Identities

    static func kind(_ record: JSONValue) -> String { record[member: "kind"]?.stringValue ?? "" }

    static func sameIdentity(_ a: JSONValue, _ b: JSONValue) -> Bool {
        guard kind(a) == kind(b) else { return false }
        if let id = a[member: "id"]?.stringValue { return id == b[member: "id"]?.stringValue }
        return b[member: "id"] == nil
    }

    static func sameAnchor(_ a: JSONValue, _ b: JSONValue) -> Bool {
        guard kind(a) == kind(b) else { return false }
        switch kind(a) {
        case "entity":
            return a[member: "key"] != nil && a[member: "key"] == b[member: "key"]
        case "money":
            return a[member: "span"] != nil && a[member: "span"] == b[member: "span"]
        case "investment":
            return a[member: "evidence"]?[member: "span"] == b[member: "evidence"]?[member: "span"]
                && a[member: "investor"]?[member: "key"] == b[member: "investor"]?[member: "key"]
                && a[member: "investee"]?[member: "key"] == b[member: "investee"]?[member: "key"]
        default:
            return false
        }
    }

    static func samePlace(_ a: JSONValue, _ b: JSONValue) -> Bool {
        guard kind(a) == kind(b) else { return false }
        func overlap(_ x: JSONValue?, _ y: JSONValue?) -> Bool {
            guard let x = x?.spanValue, let y = y?.spanValue else { return false }
            return x.start < y.end && y.start < x.end
        }
        switch kind(a) {
        case "entity":
            guard a[member: "type"] == b[member: "type"], case .array(let left)? = a[member: "mentions"],
                  case .array(let right)? = b[member: "mentions"] else { return false }
            return left.contains { mention in right.contains { overlap(mention, $0) } }
        case "money":
            return overlap(a[member: "span"], b[member: "span"])
        case "investment":
            return a[member: "investee"]?[member: "key"] == b[member: "investee"]?[member: "key"]
                && overlap(a[member: "evidence"]?[member: "span"], b[member: "evidence"]?[member: "span"])
        default:
            return false
        }
    }

    /// Where a record sits in the text, for ordering: the article first, then by start.
    static func start(of record: JSONValue) -> Int {
        switch kind(record) {
        case "entity":
            if case .array(let mentions)? = record[member: "mentions"], let first = mentions.first?.spanValue { return first.start }
        case "money":
            if let span = record[member: "span"]?.spanValue { return span.start }
        case "investment":
            if let span = record[member: "evidence"]?[member: "span"]?.spanValue { return span.start }
        default:
            break
        }
        return -1
    }

    private static func order(_ change: RecordChange) -> (Int, Int) {
        let rank: Int
        switch change.change {
        case .removed: rank = 0
        case .changed: rank = 1
        case .added: rank = 2
        }
        return (start(of: change.record), rank)
    }
}
