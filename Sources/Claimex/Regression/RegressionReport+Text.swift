import ClaimexOutput
import Foundation

extension RegressionReport {
    /// The report as `claimex test` prints it: a summary line, the changes per rule, then per
    /// page each changed record with its fields and its sentence, then the gold scores.
    public func text() -> String {
        var out = ""
        let totals = totals
        if hasChanges {
            let comparedPages = pages.filter { $0.status != .gone }.count
            out += "claimex test: \(comparedPages) of \(Self.count(pagesCompared, "page")) \(comparedPages == 1 ? "differs" : "differ") from \(baseline)/"
            let gone = pages.count - comparedPages
            if gone > 0 { out += ", \(gone) baseline \(gone == 1 ? "page is" : "pages are") gone" }
            out += ": \(totals.added) added, \(totals.removed) removed, \(totals.changed) changed records"
            out += updated ? " (baseline rewritten)\n" : "\n"
            out += "\nby rule:\n"
            let tallies = tallies
            let width = max(24, tallies.map(\.rule.count).max() ?? 0)
            for tally in tallies {
                out += "  " + tally.rule.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + tally.summary + "\n"
            }
            for page in pages {
                out += "\n" + page.path
                switch page.status {
                case .changed: out += "  (\(page.counts.summary))\n"
                case .new: out += "  (new page, not in the baseline: \(page.counts.summary))\n"
                case .gone: out += "  (gone: \(page.baselineFile) has no page any more: \(page.counts.summary))\n"
                }
                for change in page.changes {
                    out += "  \(change.change.sign) \(Self.label(change.record))  by \(Self.ruleLabel(change))\n"
                    for field in change.fields {
                        out += "      \(field.field): \(Self.shown(field.before)) → \(Self.shown(field.after))\n"
                    }
                    if let sentence = change.sentence {
                        out += "      in: \(Self.clipped(sentence, 240))\n"
                    }
                }
            }
        } else {
            out += "claimex test: \(Self.count(pagesCompared, "page")), no change from \(baseline)/" + (updated ? " (baseline rewritten)" : "") + "\n"
        }
        if let gold {
            out += "\ngold (\(Self.count(gold.pages, "page")) with NAME.gold.json): baseline → now\n"
            for kind in gold.kinds {
                let figures = [("P", kind.before.precision, kind.after.precision), ("R", kind.before.recall, kind.after.recall),
                               ("F1", kind.before.f1, kind.after.f1)]
                out += "  " + kind.kind.padding(toLength: 11, withPad: " ", startingAt: 0)
                out += figures.map { "\($0.0) \(Self.move($0.1, $0.2))" }.joined(separator: "  ") + "\n"
            }
        }
        return out
    }

    /// `1 page`, `3 pages`.
    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    /// `0.945 → 0.951`, or just `0.945` when the figure did not move.
    static func move(_ before: Double, _ after: Double) -> String {
        let old = String(format: "%.3f", before), new = String(format: "%.3f", after)
        return old == new ? old : "\(old) → \(new)"
    }

    /// One line naming a record: its kind and what it says.
    static func label(_ record: JSONValue) -> String {
        func string(_ name: String) -> String { record[member: name]?.stringValue ?? "?" }
        switch record[member: "kind"]?.stringValue {
        case "money":
            return "money \(shown(record[member: "text"])) \(record[member: "value"]?.serialized() ?? "?") \(string("currency"))"
        case "entity":
            return "entity \(string("type")) \(shown(record[member: "name"])) \(string("key"))"
        case "investment":
            let investor = record[member: "investor"]?[member: "name"]?.stringValue ?? "(no investor)"
            let investee = record[member: "investee"]?[member: "name"]?.stringValue ?? "?"
            let amount = record[member: "amount"]?[member: "text"]?.stringValue.map { " \(shown(.string($0)))" } ?? ""
            return "investment \(investor) → \(investee)\(amount)"
        case "article":
            return "article \(shown(record[member: "title"]))"
        case "error":
            return "error [\(string("stage"))] \(clipped(string("message"), 120))"
        case let kind:
            return kind ?? "record"
        }
    }

    /// The rule a change is charged to; `A → B` when a changed record is now made by another rule.
    static func ruleLabel(_ change: RecordChange) -> String {
        let before = change.before?[member: "rule"]?.stringValue, after = change.after?[member: "rule"]?.stringValue
        if let before, let after, before != after { return "\(before) → \(after)" }
        return after ?? before ?? "(\(change.kind))"
    }

    /// A field's value as compact JSON, shortened when long; `(absent)` for a missing field.
    static func shown(_ value: JSONValue?) -> String {
        guard let value else { return "(absent)" }
        return clipped(value.serialized(), 160)
    }

    static func clipped(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
