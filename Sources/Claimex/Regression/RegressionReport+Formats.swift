import ClaimexOutput
import Foundation

extension RegressionReport {
    /// The report as one JSON object (`claimex test --format json`): totals, the changes per
    /// rule, per page each change with its records before and after and the fields that
    /// differ, and the gold scores.
    public func json() -> JSONValue {
        let totals = totals
        var members: [(String, JSONValue)] = [
            ("baseline", .string(baseline)),
            ("pages_compared", .int(pagesCompared)),
            ("pages_changed", .int(pages.count)),
            ("changed", .bool(hasChanges)),
            ("updated", .bool(updated)),
            ("records", Self.counts(totals)),
            ("rules", .array(tallies.map { tally in
                .object([("rule", .string(tally.rule))] + Self.counts(tally).members)
            })),
            ("pages", .array(pages.map { page in
                .object([
                    ("path", .string(page.path)),
                    ("baseline_file", .string(page.baselineFile)),
                    ("status", .string(page.status.rawValue)),
                    ("records", Self.counts(page.counts)),
                    ("changes", .array(page.changes.map(Self.json))),
                ])
            })),
        ]
        if let gold {
            members.append(("gold", .object([
                ("pages", .int(gold.pages)),
                ("kinds", .array(gold.kinds.map { kind in
                    .object([("kind", .string(kind.kind)), ("before", Self.json(kind.before)), ("after", Self.json(kind.after))])
                })),
            ])))
        } else {
            members.append(("gold", .null))
        }
        return .object(members)
    }

    static func counts(_ tally: RuleTally) -> JSONValue {
        .object([("added", .int(tally.added)), ("removed", .int(tally.removed)), ("changed", .int(tally.changed))])
    }

    static func json(_ change: RecordChange) -> JSONValue {
        .object([
            ("change", .string(change.change.rawValue)),
            ("kind", .string(change.kind)),
            ("rules", .array(change.rules.map(JSONValue.string))),
            ("before", change.before ?? .null),
            ("after", change.after ?? .null),
            ("fields", .array(change.fields.map { field in
                .object([("field", .string(field.field)), ("before", field.before ?? .null), ("after", field.after ?? .null)])
            })),
            ("sentence", .optional(change.sentence)),
        ])
    }

    static func json(_ scores: GoldDelta.Scores) -> JSONValue {
        func rounded(_ value: Double) -> JSONValue {
            .decimal(Decimal(string: String(format: "%.4f", value), locale: Locale(identifier: "en_US_POSIX")) ?? 0)
        }
        return .object([("p", rounded(scores.precision)), ("r", rounded(scores.recall)), ("f1", rounded(scores.f1))])
    }

    /// The report as JUnit XML (`claimex test --junit FILE`): one test case per page, failing
    /// with the page's changes when it differs from the baseline.
    public func junit() -> String {
        let gone = pages.filter { $0.status == .gone }
        let changedByPath = Dictionary(pages.filter { $0.status != .gone }.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        let tests = pagesCompared + gone.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"claimex test\" tests=\"\(tests)\" failures=\"\(pages.count)\" errors=\"0\">\n"
        out += "  <testsuite name=\"claimex test\" tests=\"\(tests)\" failures=\"\(pages.count)\" errors=\"0\" skipped=\"0\">\n"
        func testCase(_ name: String, _ page: PageDiff?) {
            out += "    <testcase classname=\"claimex.baseline\" name=\"\(Self.xml(name))\""
            guard let page else { out += "/>\n"; return }
            let rules = Set(page.changes.flatMap(\.rules)).sorted().joined(separator: ", ")
            let message = "\(page.status == .gone ? "page gone" : page.status == .new ? "new page" : "changed"): \(page.counts.summary) (\(rules))"
            out += ">\n      <failure type=\"\(page.status.rawValue)\" message=\"\(Self.xml(message))\">"
            out += Self.xml(Self.pageText(page)) + "</failure>\n    </testcase>\n"
        }
        for name in compared { testCase(name, changedByPath[name]) }
        for page in gone { testCase(page.path, page) }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }

    /// The text of one page's changes.
    static func pageText(_ page: PageDiff) -> String {
        var out = ""
        for change in page.changes {
            out += "\(change.change.sign) \(Self.label(change.record))  by \(Self.ruleLabel(change))\n"
            for field in change.fields { out += "    \(field.field): \(Self.shown(field.before)) → \(Self.shown(field.after))\n" }
            if let sentence = change.sentence { out += "    in: \(Self.clipped(sentence, 240))\n" }
        }
        return out
    }

    /// Text made safe for XML attributes and content; characters XML 1.0 forbids become U+FFFD.
    static func xml(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                let allowed = value >= 0x20 && !(0xFFFE...0xFFFF).contains(value) || value == 0x0D
                out.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return out
    }
}
