import Foundation

/// Scores claimex records against gold files (`NAME.gold.json` beside `NAME.html`): the
/// article's fields and text, entities, money amounts and investment edges, micro-averaged
/// over pages. Its matching follows the project's shared scorer, so the figures agree.
public struct GoldScorer: Sendable {
    /// One gold file, read.
    public struct Gold {
        public let path: String
        public let page: String
        public let json: [String: Any]
    }

    /// Counts over all pages scored.
    public private(set) var counts: [String: Double] = [:]
    /// Per page, what was missed or extra.
    public private(set) var misses: [(page: String, what: String)] = []
    /// Per rule: predictions made and predictions right (entities, money, investments).
    public private(set) var byRule: [String: (predicted: Int, correct: Int)] = [:]

    public init() {}

    /// Adds the counts, misses and rule tallies of a scorer that saw other pages, so pages
    /// can be scored on several threads and summed.
    public mutating func merge(_ other: GoldScorer) {
        for (key, value) in other.counts { counts[key, default: 0] += value }
        misses += other.misses
        for (rule, tally) in other.byRule {
            let mine = byRule[rule] ?? (0, 0)
            byRule[rule] = (mine.predicted + tally.predicted, mine.correct + tally.correct)
        }
    }

    /// Gold files given as files or folders (searched recursively), sorted.
    public static func goldFiles(_ paths: [String]) -> [String] {
        var found: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                let enumerator = FileManager.default.enumerator(atPath: path)
                while let relative = enumerator?.nextObject() as? String {
                    if relative.hasSuffix(".gold.json") { found.append((path as NSString).appendingPathComponent(relative)) }
                }
            } else {
                found.append(path)
            }
        }
        return found.sorted()
    }

    /// Reads a gold file.
    public static func read(_ path: String) throws -> Gold {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any], let file = json["file"] as? String else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: path])
        }
        return Gold(path: path, page: ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(file), json: json)
    }

    // MARK: - Normalizing

    static let quoteMap: [Character: String] = ["\u{2018}": "'", "\u{2019}": "'", "\u{201C}": "\"", "\u{201D}": "\"",
                                                "\u{A0}": " ", "\u{2013}": "-", "\u{2014}": "-", "\u{2009}": " ", "\u{202F}": " "]

    /// Whitespace collapsed, typographic quotes and dashes made plain, with the scalar offset
    /// of each output scalar in the input.
    static func normalizedWithMap(_ text: String) -> (scalars: [Unicode.Scalar], map: [Int]) {
        var out: [Unicode.Scalar] = [], map: [Int] = []
        var previousSpace = true
        for (index, scalar) in text.unicodeScalars.enumerated() {
            let replaced = quoteMap[Character(scalar)].map { Array($0.unicodeScalars) } ?? [scalar]
            let mapped = replaced[0]
            if mapped.properties.isWhitespace {
                if previousSpace { continue }
                out.append(" "); map.append(index); previousSpace = true
            } else {
                out.append(mapped); map.append(index); previousSpace = false
            }
        }
        return (out, map)
    }

    static func normText(_ text: String?) -> String {
        var result = String(String.UnicodeScalarView(normalizedWithMap(text ?? "").scalars))
        while result.hasSuffix(" ") { result.removeLast() }
        return result
    }

    static func normName(_ text: String?) -> String {
        var name = normText(text).lowercased()
        if name.hasPrefix("the ") { name = String(name.dropFirst(4)) }
        if name.hasSuffix("'s") { name = String(name.dropLast(2)) }
        var out = "", gap = false
        for character in name {
            if character.isLetter || character.isNumber || character == "_" || character == "&" || character == "+" {
                if gap && !out.isEmpty { out += " " }
                out.append(character); gap = false
            } else {
                gap = true
            }
        }
        return out
    }

    static func names(_ value: Any?) -> Set<String>? {
        if value == nil || value is NSNull { return nil }
        if let text = value as? String { return [normName(text)] }
        if let list = value as? [Any] { return Set(list.compactMap { $0 as? String }.map(normName)) }
        return nil
    }

    static func partyName(_ value: Any?) -> String? {
        if let object = value as? [String: Any] { return object["name"] as? String }
        return value as? String
    }

    static func number(_ value: Any?) -> Double? {
        if let number = value as? NSNumber, !(value is Bool) { return number.doubleValue }
        return nil
    }

    static func sameValue(_ a: Any?, _ b: Any?) -> Bool {
        guard let x = number(a), let y = number(b) else { return false }
        return abs(x - y) <= max(1e-9 * max(abs(x), abs(y)), 1e-9)
    }

    private mutating func add(_ key: String, _ value: Double = 1) { counts[key, default: 0] += value }
    private mutating func miss(_ page: String, _ what: String) { misses.append((page, what)) }
    private mutating func ruleCount(_ record: [String: Any], correct: Bool) {
        let rule = record["rule"] as? String ?? "?"
        var entry = byRule[rule] ?? (0, 0)
        entry.predicted += 1
        if correct { entry.correct += 1 }
        byRule[rule] = entry
    }

    // MARK: - Scoring

    /// Scores one page's records (grouped by kind) against its gold.
    public mutating func score(_ gold: Gold, records: [String: [[String: Any]]]) {
        let name = (gold.page as NSString).lastPathComponent
        add("docs")
        let articles = records["article"] ?? []
        if articles.isEmpty { add("docs_missing"); miss(name, "no article record") }
        let article = articles.first ?? [:]
        let text = article["text"] as? String ?? ""
        let textScalars = Array(text.unicodeScalars)
        let normalized = Self.normalizedWithMap(text)
        let normalizedText = Self.normText(text)

        let goldArticle = gold.json["article"] as? [String: Any] ?? [:]
        for field in ["title", "published", "url", "site"] {
            guard let want = goldArticle[field] as? String else { continue }
            add("article.\(field).n")
            let got = article[field] as? String
            let ok: Bool
            switch field {
            case "published": ok = got.map { $0.prefix(10) == want.prefix(10) } ?? false
            case "url": ok = got.map { $0.trimmingSuffix("/") == want.trimmingSuffix("/") } ?? false
            default: ok = Self.normText(got) == Self.normText(want)
            }
            if ok { add("article.\(field).ok") } else { miss(name, "article.\(field): got \(got ?? "null"), want \(want)") }
        }
        for phrase in goldArticle["text_must_contain"] as? [String] ?? [] {
            add("text.must_contain.n")
            if normalizedText.contains(Self.normText(phrase)) { add("text.must_contain.ok") } else { miss(name, "text lacks: \(phrase)") }
        }
        for phrase in goldArticle["text_must_not_contain"] as? [String] ?? [] {
            add("text.must_not_contain.n")
            if normalizedText.contains(Self.normText(phrase)) { miss(name, "text has boilerplate: \(phrase)") } else { add("text.must_not_contain.ok") }
        }

        // Entities.
        let goldEntities = (gold.json["entities"] as? [[String: Any]] ?? []).map { entry in
            (names: Self.names(entry["names"]) ?? [], type: entry["type"] as? String ?? "", optional: entry["optional"] as? Bool ?? false,
             label: (entry["names"] as? [String])?.first ?? "")
        }
        var used: Set<Int> = []
        for entity in records["entity"] ?? [] {
            let type = entity["type"] as? String ?? ""
            let entityName = Self.normName(entity["name"] as? String)
            let hit = goldEntities.firstIndex { $0.names.contains(entityName) && $0.type == type }
            let counted = type == "ORG" || type == "PERSON"
            if let hit, !used.contains(hit) {
                used.insert(hit)
                if counted || !goldEntities[hit].optional { add("entity.pred"); add("entity.correct"); ruleCount(entity, correct: true) }
            } else if counted {
                add("entity.pred")
                ruleCount(entity, correct: false)
                miss(name, "entity extra (\(hit != nil ? "duplicate of an entity already found" : "not in gold")): \(type) \(entity["name"] as? String ?? "")")
            }
        }
        for (index, entity) in goldEntities.enumerated() where !entity.optional {
            add("entity.gold")
            if used.contains(index) { add("entity.found") } else { miss(name, "entity missed: \(entity.type) \(entity.label)") }
        }

        // Money.
        let predictedMoney = records["money"] ?? []
        for money in predictedMoney {
            add("money.span.n")
            if let span = money["span"] as? [Int], span.count == 2, span[0] >= 0, span[1] <= textScalars.count, span[0] <= span[1],
               String(String.UnicodeScalarView(textScalars[span[0]..<span[1]])) == money["text"] as? String {
                add("money.span.ok")
            }
        }
        var taken: Set<Int> = []
        for entry in gold.json["money"] as? [[String: Any]] ?? [] {
            let optional = entry["optional"] as? Bool ?? false
            let location = (entry["context"] as? String).flatMap { locate($0, in: normalized) }
            let currency = entry["currency"] as? String ?? "USD"
            let best = predictedMoney.indices.first { index in
                let money = predictedMoney[index]
                guard !taken.contains(index), Self.sameValue(money["value"], entry["value"]), money["currency"] as? String == currency else { return false }
                guard let location else { return true }
                let span = money["span"] as? [Int] ?? [0, 0]
                return span.count == 2 && span[0] < location.upperBound && span[1] > location.lowerBound
            }
            guard let best else {
                if !optional {
                    add("money.gold")
                    miss(name, "money missed: \(entry["value"] ?? "") \(currency) in \(entry["context"] as? String ?? "")")
                }
                continue
            }
            taken.insert(best)
            let money = predictedMoney[best]
            if !optional { add("money.gold"); add("money.found") }
            for attribute in ["qualifier", "role", "period"] {
                let want = entry[attribute]
                let got = money[attribute]
                let wantNil = want == nil || want is NSNull
                let gotNil = got == nil || got is NSNull
                if attribute == "period" && wantNil && gotNil { continue }
                if attribute == "role" && wantNil { continue }
                add("money.\(attribute).n")
                if (wantNil && gotNil) || (!wantNil && (want as? String) == (got as? String)) {
                    add("money.\(attribute).ok")
                } else {
                    miss(name, "money \(attribute): \(money["text"] as? String ?? "") got \(got as? String ?? "null"), want \(want as? String ?? "null")")
                }
            }
            if let range = entry["range"] as? [Any] {
                add("money.range.n")
                let got = money["range"] as? [Any] ?? []
                if got.count == 2 && range.count == 2 && zip(got, range).allSatisfy({ Self.sameValue($0, $1) }) { add("money.range.ok") }
                else { miss(name, "money range: \(money["text"] as? String ?? "") got \(got), want \(range)") }
            }
            if let subjects = Self.names(entry["subject"]), !subjects.isEmpty {
                add("money.subject.n")
                if subjects.contains(Self.normName(Self.partyName(money["subject"]))) { add("money.subject.ok") }
                else { miss(name, "money subject: \(money["text"] as? String ?? "") got \(Self.partyName(money["subject"]) ?? "null")") }
            }
        }
        add("money.pred", Double(predictedMoney.count))
        add("money.correct", Double(taken.count))
        for (index, money) in predictedMoney.enumerated() {
            ruleCount(money, correct: taken.contains(index))
            if !taken.contains(index) { miss(name, "money extra: \(money["text"] as? String ?? "") = \(money["value"] ?? "") \(money["currency"] as? String ?? "")") }
        }

        // Investments.
        let goldEdges = (gold.json["investments"] as? [[String: Any]] ?? []).map { entry in
            (investor: Self.names(entry["investor"]), investee: Self.names(entry["investee"]) ?? [], entry: entry)
        }
        let decoys = (gold.json["not_investments"] as? [[String: Any]] ?? []).map { (Self.names($0["investor"]), Self.names($0["investee"])) }
        var matched: [Int: [[String: Any]]] = [:]
        for edge in records["investment"] ?? [] {
            let investor = edge["investor"].flatMap { $0 is NSNull ? nil : Self.normName(Self.partyName($0)) }
            let investee = Self.normName(Self.partyName(edge["investee"]))
            let hit = goldEdges.firstIndex { gold in
                gold.investee.contains(investee) && ((gold.investor == nil && investor == nil) || (gold.investor != nil && investor.map { gold.investor!.contains($0) } == true))
            }
            if hit == nil && investor == nil && goldEdges.contains(where: { $0.investee.contains(investee) }) { continue }
            if let hit, matched[hit] != nil { matched[hit]!.append(edge); continue }
            add("investment.pred")
            guard let hit else {
                let isDecoy = decoys.contains { decoy in
                    (decoy.0 == nil || investor.map { decoy.0!.contains($0) } == true) && (decoy.1 == nil || decoy.1!.contains(investee))
                }
                if isDecoy { add("investment.decoy") }
                ruleCount(edge, correct: false)
                miss(name, "investment extra\(isDecoy ? " (a listed non-investment)" : ""): \(Self.partyName(edge["investor"]) ?? "null") -> \(Self.partyName(edge["investee"]) ?? "")")
                continue
            }
            add("investment.correct")
            ruleCount(edge, correct: true)
            matched[hit] = [edge]
        }
        for (index, gold) in goldEdges.enumerated() {
            let optional = gold.entry["optional"] as? Bool ?? false
            let label = "\((gold.entry["investor"] as? [String])?.first ?? "null") -> \((gold.entry["investee"] as? [String])?.first ?? "")"
            guard let edges = matched[index] else {
                if !optional { add("investment.gold"); miss(name, "investment missed: \(label)") }
                continue
            }
            if !optional { add("investment.gold"); add("investment.found") }
            if let amounts = gold.entry["amounts"] as? [Any], !amounts.isEmpty {
                add("investment.amount.n")
                if edges.contains(where: { edge in amounts.contains { Self.sameValue((edge["amount"] as? [String: Any])?["value"], $0) } }) {
                    add("investment.amount.ok")
                } else { miss(name, "investment amount: \(label)") }
            }
            let want = gold.entry["modality"] as? String ?? "asserted"
            add("investment.modality.n")
            if edges.contains(where: { $0["modality"] as? String == want }) { add("investment.modality.ok") }
            else { miss(name, "investment modality: \(label) want \(want)") }
        }
    }

    private func locate(_ phrase: String, in normalized: (scalars: [Unicode.Scalar], map: [Int])) -> Range<Int>? {
        let wanted = Array(Self.normText(phrase).unicodeScalars)
        guard !wanted.isEmpty, wanted.count <= normalized.scalars.count else { return nil }
        let last = normalized.scalars.count - wanted.count
        var start = 0
        while start <= last {
            if normalized.scalars[start] == wanted[0] && Array(normalized.scalars[start..<(start + wanted.count)]) == wanted {
                return normalized.map[start]..<(normalized.map[start + wanted.count - 1] + 1)
            }
            start += 1
        }
        return nil
    }

    // MARK: - Summary

    /// Precision, recall and F1 of a kind (`entity`, `money`, `investment`).
    public func prf(_ kind: String) -> (p: Double, r: Double, f1: Double) {
        let predicted = counts["\(kind).pred"] ?? 0, correct = counts["\(kind).correct"] ?? 0
        let gold = counts["\(kind).gold"] ?? 0, found = counts["\(kind).found"] ?? 0
        let p = predicted > 0 ? correct / predicted : (gold == 0 ? 1 : 0)
        let r = gold > 0 ? found / gold : 1
        return (p, r, p + r > 0 ? 2 * p * r / (p + r) : 0)
    }

    /// The share of checks that passed for a field (`money.role`, `article.title`), or nil.
    public func rate(_ key: String) -> Double? {
        guard let n = counts["\(key).n"], n > 0 else { return nil }
        return (counts["\(key).ok"] ?? 0) / n
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        var result = self
        while result.hasSuffix(suffix) { result.removeLast(suffix.count) }
        return result
    }
}
