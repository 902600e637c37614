import ClaimexModel
import ClaimexOutput
import ClaimexRules
import ClaimexText
import Foundation

/// Why `claimex test` could not compare.
public enum RegressionError: Error, CustomStringConvertible, Sendable {
    /// The baseline folder does not exist.
    case noBaseline(String)
    /// A baseline file is not the JSON Lines claimex writes.
    case unreadableBaseline(file: String, line: Int, reason: String)
    /// Rewriting the baseline failed.
    case cannotWrite(String)

    public var description: String {
        switch self {
        case .noBaseline(let folder):
            return "no baseline folder '\(folder)'; make one with `claimex test --update` (or `claimex extract CORPUS -o \(folder)/`), review it and commit it"
        case .unreadableBaseline(let file, let line, let reason):
            return "\(file):\(line): not a claimex record (\(reason)); restore the file from version control or rewrite the baseline with `claimex test --update`"
        case .cannotWrite(let message):
            return "cannot rewrite the baseline: \(message)"
        }
    }
}

/// What `claimex test` found: the pages whose records differ from the baseline, the changes
/// charged to each rule, and the gold scores before and after.
public struct RegressionReport: Sendable {
    /// The baseline folder compared with.
    public let baseline: String
    /// The input pages extracted and compared, in order.
    public let compared: [String]
    /// The pages with changes, by path; pages gone from the inputs sit at their baseline file.
    public let pages: [PageDiff]
    /// Gold scores of the baseline and the fresh records, when gold files sit beside the pages.
    public let gold: GoldDelta?
    /// Whether the baseline was rewritten with the fresh records.
    public let updated: Bool

    /// Creates a report.
    public init(baseline: String, compared: [String], pages: [PageDiff], gold: GoldDelta?, updated: Bool = false) {
        self.baseline = baseline
        self.compared = compared
        self.pages = pages
        self.gold = gold
        self.updated = updated
    }

    /// The number of input pages compared.
    public var pagesCompared: Int { compared.count }

    /// Whether anything differs from the baseline.
    public var hasChanges: Bool { !pages.isEmpty }

    /// Added, removed and changed records over all pages.
    public var totals: RuleTally {
        var tally = RuleTally(rule: "")
        for page in pages { for change in page.changes { tally.count(change.change) } }
        return tally
    }

    /// The changes charged to each rule, by rule id. A change charged to two rules (a
    /// record now made by another rule) counts for both.
    public var tallies: [RuleTally] {
        var byRule: [String: RuleTally] = [:]
        for page in pages {
            for change in page.changes {
                for rule in change.rules { byRule[rule, default: RuleTally(rule: rule)].count(change.change) }
            }
        }
        return byRule.values.sorted { $0.rule < $1.rule }
    }
}

/// `claimex test` as a library call: extracts the inputs with the rules, compares each page's
/// records with its file in the baseline folder (the layout `claimex extract -o DIR/`
/// writes), and scores both against gold files found beside the pages.
///
/// A page whose fresh JSON Lines equal its baseline file byte for byte is unchanged and is
/// never parsed, so the comparison costs little more than the extraction itself.
public struct RegressionRun: Sendable {
    /// The pages, sorted.
    public let inputs: [InputItem]
    /// The rules applied.
    public let rules: RuleSet
    /// The baseline folder.
    public let baseline: String
    /// Worker threads.
    public let jobs: Int
    /// Per-page limits.
    public let limits: ProcessingLimits

    /// Creates a run.
    public init(inputs: [InputItem], rules: RuleSet, baseline: String, jobs: Int, limits: ProcessingLimits = ProcessingLimits()) {
        self.inputs = inputs
        self.rules = rules
        self.baseline = baseline.count > 1 && baseline.hasSuffix("/") ? String(baseline.dropLast()) : baseline
        self.jobs = jobs
        self.limits = limits
    }

    /// One page's fresh records and their comparison.
    private struct PageOutcome: Sendable {
        let result: DocumentResult
        let fresh: String
        let old: String?
        let diff: PageDiff?
        let error: RegressionError?
        /// The page's gold scores of the baseline and the fresh records, when it has a gold file.
        var gold: (before: GoldScorer, after: GoldScorer)?
    }

    /// Compares every page with the baseline; with `update`, also rewrites the baseline with
    /// the fresh records (removing files of pages no longer in the inputs). The report lists
    /// the changes from the baseline as it was.
    public func run(update: Bool = false) throws(RegressionError) -> RegressionReport {
        try run(update: update) { _, _ in }
    }

    /// Compares every page with the baseline, as `run(update:)`, handing each page's fresh
    /// JSON Lines to `onPage` in input order (for `claimex report`).
    public func run(update: Bool = false, onPage: (InputItem, String) -> Void) throws(RegressionError) -> RegressionReport {
        var isDirectory: ObjCBool = false
        guard update || (FileManager.default.fileExists(atPath: baseline, isDirectory: &isDirectory) && isDirectory.boolValue) else {
            throw .noBaseline(baseline)
        }
        // Pages gone from the inputs are read before an update removes their files.
        let expected = Set(inputs.map { DirectorySink.outputPath(folder: baseline, for: $0) })
        var gone: [PageDiff] = []
        for file in Self.baselineFiles(in: baseline) where !expected.contains(file) {
            let records = try Self.records(Self.readText(file) ?? "", file: file)
            let path = records.first { ["article", "error"].contains($0[member: "kind"]?.stringValue) }?[member: "path"]?.stringValue ?? file
            let index = SentenceIndex(records: records, tokenizer: rules.tokenizer)
            let changes = records.map { record in
                RecordChange(change: .removed, before: record, after: nil, sentence: index?.sentence(of: record))
            }
            gone.append(PageDiff(path: path, baselineFile: file, status: .gone, changes: changes))
        }

        var sink: DirectorySink?
        if update {
            do { sink = try DirectorySink(folder: baseline) } catch { throw .cannotWrite(error.description) }
        }
        let processor = DocumentProcessor(rules: rules, limits: limits)
        let encoder = RecordEncoder()
        let folder = baseline
        let tokenizer = rules.tokenizer
        var diffs: [PageDiff] = []
        var before = GoldScorer(), after = GoldScorer()
        var goldPages = 0
        do {
            try OrderedParallelMap<InputItem, PageOutcome>(jobs: jobs).run(inputs, transform: { item in
                let result = processor.process(path: item.path)
                let fresh = encoder.jsonLines(for: result)
                let file = DirectorySink.outputPath(folder: folder, for: item)
                let old = Self.readText(file)
                var outcome: PageOutcome
                if old == fresh {
                    outcome = PageOutcome(result: result, fresh: fresh, old: old, diff: nil, error: nil)
                } else {
                    do throws(RegressionError) {
                        let diff = try Self.compare(path: item.path, file: file, old: old, fresh: fresh, tokenizer: tokenizer)
                        outcome = PageOutcome(result: result, fresh: fresh, old: old, diff: diff, error: nil)
                    } catch {
                        outcome = PageOutcome(result: result, fresh: fresh, old: old, diff: nil, error: error)
                    }
                }
                outcome.gold = Self.goldScores(page: item.path, old: old, fresh: fresh)
                return outcome
            }, consume: { _, item, outcome in
                if let error = outcome.error { throw error }
                if let diff = outcome.diff { diffs.append(diff) }
                onPage(item, outcome.fresh)
                if let gold = outcome.gold {
                    goldPages += 1
                    before.merge(gold.before)
                    after.merge(gold.after)
                }
                if sink != nil {
                    do { try sink!.write(item, outcome.result) } catch { throw RegressionError.cannotWrite("\(error)") }
                }
            })
            if sink != nil {
                do { try sink!.finish() } catch { throw RegressionError.cannotWrite(error.description) }
            }
        } catch let error as RegressionError {
            throw error
        } catch {
            throw .cannotWrite("\(error)")
        }
        let pages = (diffs + gone).sorted { $0.baselineFile.utf8.lexicographicallyPrecedes($1.baselineFile.utf8) }
        return RegressionReport(baseline: baseline, compared: inputs.map(\.path), pages: pages,
                                gold: goldPages > 0 ? GoldDelta(pages: goldPages, before: before, after: after) : nil,
                                updated: update)
    }

    // MARK: - Pages

    /// The diff of one page whose fresh records differ from its baseline file (or that has none).
    static func compare(path: String, file: String, old: String?, fresh: String, tokenizer: Tokenizer) throws(RegressionError) -> PageDiff {
        let oldRecords = try records(old ?? "", file: file)
        let freshRecords = try records(fresh, file: "(fresh records of \(path))")
        var changes = RecordDiffer().changes(from: oldRecords, to: freshRecords)
        let oldIndex = SentenceIndex(records: oldRecords, tokenizer: tokenizer)
        let freshIndex = SentenceIndex(records: freshRecords, tokenizer: tokenizer)
        for index in changes.indices {
            let change = changes[index]
            changes[index].sentence = change.change == .removed
                ? oldIndex?.sentence(of: change.record)
                : freshIndex?.sentence(of: change.record)
        }
        return PageDiff(path: path, baselineFile: file, status: old == nil ? .new : .changed, changes: changes)
    }

    /// The records of a JSON Lines text; a line that is not a JSON object is an error naming it.
    static func records(_ text: String, file: String) throws(RegressionError) -> [JSONValue] {
        var records: [JSONValue] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            let record: JSONValue
            do { record = try JSONValue.parse(String(line)) } catch {
                throw .unreadableBaseline(file: file, line: number + 1, reason: error.description)
            }
            guard case .object = record, record[member: "kind"]?.stringValue != nil else {
                throw .unreadableBaseline(file: file, line: number + 1, reason: "a record is a JSON object with a \"kind\"")
            }
            records.append(record)
        }
        return records
    }

    /// The records of one page's fresh JSON Lines (for `claimex report`).
    public static func recordsOf(_ jsonLines: String, page: String) throws(RegressionError) -> [JSONValue] {
        try records(jsonLines, file: "(records of \(page))")
    }

    /// The baseline's page files (`*.html.jsonl` and kin), the ones `extract -o DIR/` writes.
    static func baselineFiles(in folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            guard relative.hasSuffix(".jsonl"), !(relative as NSString).lastPathComponent.hasPrefix(".") else { continue }
            let page = String(relative.dropLast(".jsonl".count))
            if InputCollector.pageExtensions.contains((page as NSString).pathExtension.lowercased()) {
                files.append(folder + "/" + relative)
            }
        }
        return files.sorted()
    }

    /// A file's text, or nil when it does not exist.
    static func readText(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    // MARK: - Gold

    /// The gold file beside a page (`NAME.gold.json` beside `NAME.html`), when there is one.
    static func goldFile(of page: String) -> String? {
        let gold = (page as NSString).deletingPathExtension + ".gold.json"
        return FileManager.default.fileExists(atPath: gold) ? gold : nil
    }

    /// The gold scores of a page's baseline and fresh records, when a gold file sits beside it.
    static func goldScores(page: String, old: String?, fresh: String) -> (before: GoldScorer, after: GoldScorer)? {
        guard let file = goldFile(of: page), let gold = try? GoldScorer.read(file) else { return nil }
        var before = GoldScorer(), after = GoldScorer()
        let freshRecords = recordsByKind(fresh)
        after.score(gold, records: freshRecords)
        before.score(gold, records: old == fresh ? freshRecords : recordsByKind(old ?? ""))
        return (before, after)
    }

    /// One page's records by kind, as the gold scorer reads them.
    static func recordsByKind(_ jsonLines: String) -> [String: [[String: Any]]] {
        var byKind: [String: [[String: Any]]] = [:]
        for kinds in GoldEvaluation.group(jsonLines: jsonLines).values {
            for (kind, records) in kinds { byKind[kind, default: []] += records }
        }
        return byKind
    }
}

/// Finds the sentence of the article text a record is about.
struct SentenceIndex {
    let text: AnalyzedText

    /// The index of the page whose records these are, or nil without an article record.
    init?(records: [JSONValue], tokenizer: Tokenizer) {
        guard let article = records.first(where: { $0[member: "kind"]?.stringValue == "article" }),
              let text = article[member: "text"]?.stringValue else { return nil }
        var blocks: [TextSpan] = []
        if case .array(let items)? = article[member: "blocks"] {
            blocks = items.compactMap { $0[member: "span"]?.spanValue }.map { TextSpan($0.start, $0.end) }
        }
        self.text = tokenizer.analyze(text, blocks: blocks)
    }

    /// An edge's evidence; for an amount or an entity, the sentence of its (first) span.
    func sentence(of record: JSONValue) -> String? {
        if let evidence = record[member: "evidence"]?[member: "text"]?.stringValue { return evidence }
        let start: Int
        switch record[member: "kind"]?.stringValue {
        case "money":
            guard let span = record[member: "span"]?.spanValue else { return nil }
            start = span.start
        case "entity":
            guard case .array(let mentions)? = record[member: "mentions"], let first = mentions.first?.spanValue else { return nil }
            start = first.start
        default:
            return nil
        }
        guard let sentence = text.sentences.first(where: { $0.span.start <= start && start < $0.span.end }) else { return nil }
        return text.string(sentence.span)
    }
}
