import ClaimexExtract
import ClaimexHTML
import ClaimexModel
import ClaimexRules
import ClaimexText
import Foundation

/// What `claimex explain` shows for a page: how it was decoded, its sentences and tokens,
/// each stage's mentions with the rule that made them, and the candidates that lost an
/// overlap, and to whom.
public struct Explainer: Sendable {
    public let rules: RuleSet

    public init(rules: RuleSet) {
        self.rules = rules
    }

    /// The explanation of the page at `path`, restricted to one sentence (1-based) and/or
    /// one rule when given.
    public func explain(path: String, sentence only: Int? = nil, rule ruleFilter: String? = nil) -> String {
        let processor = DocumentProcessor(rules: rules)
        let result = processor.process(path: path)
        var out = "page: \(path)\n"
        let claims: DocumentClaims
        switch result.outcome {
        case .failed(let error):
            return out + "error: [\(error.stage.rawValue)] \(error.message)\n"
        case .extracted(let document):
            claims = document
        }
        out += "doc: \(claims.doc.hex)  encoding: \(claims.encoding ?? "?")\n"
        for diagnostic in result.diagnostics { out += "  \(diagnostic)\n" }
        let extractor = ClaimExtractor(rules: rules)
        let text = extractor.analyze(claims.article)
        let run = extractor.run(text)
        out += "sentences: \(text.sentences.count), tokens: \(text.tokens.count), mentions: \(run.mentions.count)\n"
        for (index, sentence) in text.sentences.enumerated() {
            if let only, only != index + 1 { continue }
            let mentions = run.mentions.filter { $0.sentence == index && (ruleFilter == nil || $0.rule == ruleFilter) }
            let losses = run.losses.filter { loss in
                sentence.tokens.contains(loss.tokens.lowerBound) && (ruleFilter == nil || loss.rule == ruleFilter || loss.winner == ruleFilter)
            }
            if only == nil && ruleFilter != nil && mentions.isEmpty && losses.isEmpty { continue }
            out += "\n[\(index + 1)] \(text.string(sentence.span))\n"
            out += "  tokens:"
            for tokenIndex in sentence.tokens {
                let token = text.tokens[tokenIndex]
                var attributes = [token.kind.rawValue]
                if token.isCapitalized { attributes.append("cap") }
                if !token.spaceBefore { attributes.append("nospace") }
                if let value = token.numberValue { attributes.append("value=\(value)") }
                out += " \(tokenIndex):\(token.text)[\(attributes.joined(separator: ","))]"
            }
            out += "\n"
            for stage in Stage.allCases {
                let made = mentions.filter { $0.stage == stage }
                guard !made.isEmpty else { continue }
                out += "  \(stage.rawValue):\n"
                for mention in made {
                    let fields = mention.fields.sorted { $0.key < $1.key }.map { key, value in
                        "\(key)=\(describe(value, in: run.mentions, text: text))"
                    }
                    out += "    \(mention.label) \"\(text.string(mention.span))\" tokens \(mention.tokens.lowerBound)..<\(mention.tokens.upperBound) by \(mention.rule)"
                    out += fields.isEmpty ? "\n" : " {\(fields.joined(separator: ", "))}\n"
                }
            }
            for loss in losses {
                out += "  lost: \(loss.rule) on tokens \(loss.tokens.lowerBound)..<\(loss.tokens.upperBound) to \(loss.winner) on \(loss.winnerTokens.lowerBound)..<\(loss.winnerTokens.upperBound)\n"
            }
        }
        return out
    }

    private func describe(_ value: FieldValue, in mentions: [Mention], text: AnalyzedText) -> String {
        if case .mentions(let indices) = value {
            return "[" + indices.map { "\(mentions[$0].label) \"\(text.string(mentions[$0].span))\"" }.joined(separator: ", ") + "]"
        }
        return value.description
    }
}
