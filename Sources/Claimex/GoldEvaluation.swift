import ClaimexModel
import ClaimexOutput
import ClaimexRules
import Foundation

/// `claimex score`: extracts the pages gold files describe (or reads records already
/// extracted) and scores them.
public enum GoldEvaluation {
    /// Records grouped by document id, then by kind, parsed from JSON Lines.
    public static func group(jsonLines: String) -> [String: [String: [[String: Any]]]] {
        var grouped: [String: [String: [[String: Any]]]] = [:]
        for line in jsonLines.split(separator: "\n") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
            let doc = object["doc"] as? String ?? ""
            let kind = object["kind"] as? String ?? ""
            grouped[doc, default: [:]][kind, default: []].append(object)
        }
        return grouped
    }

    /// Scores `golds` against `records` (JSON Lines), or against a fresh extraction of their
    /// pages with `rules` when `records` is nil.
    public static func score(golds: [String], records: String?, rules: RuleSet, jobs: Int) throws -> GoldScorer {
        let golds = try golds.map(GoldScorer.read)
        let jsonLines: String
        if let records {
            jsonLines = records
        } else {
            let processor = DocumentProcessor(rules: rules)
            let encoder = RecordEncoder()
            var text = ""
            try OrderedParallelMap<String, DocumentResult>(jobs: jobs).run(golds.map(\.page), transform: { page in
                processor.process(path: page)
            }, consume: { _, _, result in
                text += encoder.jsonLines(for: result)
            })
            jsonLines = text
        }
        let grouped = group(jsonLines: jsonLines)
        var byName: [String: [String: [[String: Any]]]] = [:]
        for (_, kinds) in grouped {
            for record in (kinds["article"] ?? []) + (kinds["error"] ?? []) {
                if let path = record["path"] as? String, byName[(path as NSString).lastPathComponent] == nil {
                    byName[(path as NSString).lastPathComponent] = kinds
                }
            }
        }
        var scorer = GoldScorer()
        for gold in golds {
            let bytes = (try? Data(contentsOf: URL(fileURLWithPath: gold.page))) ?? Data()
            let doc = DocumentID(of: bytes).hex
            scorer.score(gold, records: grouped[doc] ?? byName[(gold.page as NSString).lastPathComponent] ?? [:])
        }
        return scorer
    }
}
