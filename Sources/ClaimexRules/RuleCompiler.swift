import ClaimexText
import Foundation
import Yams

/// Reads rule and lexicon files, checks them, and compiles the patterns, collecting every
/// problem in every file before giving up.
struct RuleCompiler {
    let tokenizer: Tokenizer
    private var errors: [RuleFileError] = []
    /// The words of token tests and lexicons, numbered for matching.
    private let vocabulary = Vocabulary()
    /// Each source file's text, by path, for the lines shown under errors.
    private var contents: [String: String] = [:]
    private var definitions: [String: PatternNode] = [:]

    init(tokenizer: Tokenizer) {
        self.tokenizer = tokenizer
    }

    static let fileKeys: Set<String> = ["stage", "rules", "stages", "description", "define"]
    static let ruleKeys: Set<String> = ["id", "aliases", "stage", "description", "priority", "pattern", "emit", "examples"]
    static let exampleKeys: Set<String> = ["text", "expect", "todo"]

    private struct RuleDraft {
        let id: String
        let node: Node
        let file: String
    }

    mutating func compile(_ sources: [RuleSource]) throws(RuleSetErrors) -> RuleSet {
        // Lexicons first: patterns refer to them.
        var lexicons: [Lexicon] = []
        var lexiconIndex: [String: Int] = [:]
        for source in sources where source.path.lowercased().hasSuffix(".tsv") {
            contents[source.path] = source.contents
            let name = ((source.path as NSString).lastPathComponent as NSString).deletingPathExtension
            if lexiconIndex[name] != nil {
                errors.append(RuleFileError(file: source.path, line: 0, column: 0, code: .duplicateID,
                                            message: "a second lexicon named '\(name)'", hint: "lexicon names are file names and must be unique"))
                continue
            }
            let lexicon = Lexicon.parse(name: name, file: source.path, source: source.contents, tokenizer: tokenizer, errors: &errors)
            lexiconIndex[name] = lexicons.count
            lexicons.append(lexicon)
        }
        // The lexicons' words are most of the vocabulary: room for them all at once, rather
        // than rehashing every word as it grows.
        vocabulary.reserveCapacity(4_096 + lexicons.reduce(0) { $0 + $1.entries.count })

        var policies: [Stage: OverlapPolicy] = [.entities: .longest, .money: .longest, .roles: .priority, .cues: .all, .relations: .all]
        var rules: [Rule] = []
        var seenIDs: [String: String] = [:]
        var files: [(path: String, mapping: Node.Mapping)] = []
        for source in sources where !source.path.lowercased().hasSuffix(".tsv") {
            contents[source.path] = source.contents
            let root: Node?
            do {
                // Scalars stay plain strings: the compiler reads every value itself, so
                // Yams's implicit typing (a regular expression per scalar) is not needed.
                root = try Yams.compose(yaml: source.contents, .basic)
            } catch let error as YamlError {
                errors.append(syntaxError(error, file: source.path))
                continue
            } catch {
                errors.append(RuleFileError(file: source.path, line: 0, column: 0, code: .syntax, message: "\(error)"))
                continue
            }
            guard let root else { continue }
            guard let mapping = root.mapping else {
                error(source.path, root, .syntax, "a rule file is a mapping with a 'rules' list")
                continue
            }
            files.append((source.path, mapping))
        }
        // Named sub-patterns first: any rule of any file may use them.
        definitions = readDefinitions(files)
        for (path, mapping) in files {
            checkKeys(mapping, allowed: Self.fileKeys, file: path, what: "file")
            var defaultStage: Stage?
            if let stageNode = mapping["stage"] {
                defaultStage = stage(stageNode, file: path)
            }
            if let stagesNode = mapping["stages"] {
                readPolicies(stagesNode, file: path, into: &policies)
            }
            guard let rulesNode = mapping["rules"] else { continue }
            guard let sequence = rulesNode.sequence else {
                error(path, rulesNode, .badValue, "'rules' must be a list of rules")
                continue
            }
            for ruleNode in sequence {
                // Ids are checked even for rules with other errors, so every problem shows at once.
                let id = ruleNode.mapping?["id"]?.scalar?.string
                let aliases = ruleNode.mapping?["aliases"]?.sequence?.compactMap { $0.scalar?.string } ?? []
                for name in (id.map { [$0] } ?? []) + aliases {
                    if let other = seenIDs[name] {
                        error(path, ruleNode, .duplicateID, "rule id '\(name)' is already used in \(other)", rule: id,
                              hint: "rule ids are unique; rename one, keeping the old id under 'aliases' if records used it")
                    } else {
                        seenIDs[name] = "\(path):\(ruleNode.mark?.line ?? 0)"
                    }
                }
                guard let rule = compileRule(ruleNode, file: path, defaultStage: defaultStage, lexiconIndex: lexiconIndex, lexicons: lexicons) else { continue }
                rules.append(rule)
            }
        }
        if !errors.isEmpty { throw RuleSetErrors(errors) }
        let ordered = Stage.allCases.flatMap { stage in rules.filter { $0.stage == stage } }
        var plans: [Stage: StagePlan] = [:]
        for stage in Stage.allCases {
            plans[stage] = StagePlan(rules: ordered.filter { $0.stage == stage }, vocabulary: vocabulary)
        }
        let tries = lexicons.map { LexiconTrie($0, vocabulary: vocabulary) }
        let tables = MatchTables(vocabulary: WordTable(vocabulary.ids), tries: tries, shapeFilter: ShapeFilter(shapes: vocabulary.shapes))
        return RuleSet(rules: ordered, lexicons: lexicons, policies: policies, tokenizer: tokenizer, lexiconIndex: lexiconIndex,
                       tables: tables, plans: plans)
    }

    // MARK: - Definitions

    /// The `define:` mappings of every file: name → sub-pattern, usable as `%name` in any
    /// pattern, including other definitions (in any order, but not in a cycle). A definition
    /// has no captures: the rule that uses it names what it captures.
    private mutating func readDefinitions(_ files: [(path: String, mapping: Node.Mapping)]) -> [String: PatternNode] {
        var sources: [String: (source: String, node: Node, file: String)] = [:]
        for (path, mapping) in files {
            guard let defineNode = mapping["define"] else { continue }
            guard let entries = defineNode.mapping else {
                error(path, defineNode, .badValue, "'define' must map names to patterns", hint: "define: {parties: 'ENTITY ((, | and) ENTITY)*'}")
                continue
            }
            for (keyNode, valueNode) in entries {
                guard let name = keyNode.scalar?.string, let source = valueNode.scalar?.string else {
                    error(path, valueNode, .badValue, "a definition is a name and a pattern")
                    continue
                }
                if let other = sources[name] {
                    error(path, keyNode, .duplicateID, "'%\(name)' is already defined in \(other.file):\(other.node.mark?.line ?? 0)")
                    continue
                }
                sources[name] = (source, valueNode, path)
            }
        }
        var resolved: [String: PatternNode] = [:]
        var failed: Set<String> = []
        // Parses a definition after the ones it uses; a name on the stack again is a cycle.
        func resolve(_ name: String, stack: [String]) {
            guard resolved[name] == nil, !failed.contains(name), let entry = sources[name] else { return }
            for used in Self.references(in: entry.source) where sources[used] != nil {
                if stack.contains(used) || used == name {
                    failed.insert(name)
                    error(entry.file, entry.node, .unknownDefinition,
                          "a definition cannot use itself: \((stack + [name, used]).map { "%" + $0 }.joined(separator: " → "))",
                          hint: "definitions are expanded in place and cannot be recursive; repeat with {m,n} instead")
                    return
                }
                resolve(used, stack: stack + [name])
                // A definition built on a broken one is not reported again.
                if failed.contains(used) {
                    failed.insert(name)
                    return
                }
            }
            var parser = PatternParser(entry.source, tokenizer: tokenizer, definitions: resolved)
            do {
                let node = try parser.parse()
                var hasCapture = false
                PatternAnalysis.walk(node) { if case .capture = $0 { hasCapture = true } }
                if hasCapture {
                    failed.insert(name)
                    error(entry.file, entry.node, .unknownDefinition, "definition '%\(name)' has a named capture",
                          hint: "capture where the definition is used: (?<investor> %\(name))")
                    return
                }
                resolved[name] = node
            } catch {
                failed.insert(name)
                patternError(error, node: entry.node, file: entry.file, rule: "%" + name)
            }
        }
        for name in sources.keys.sorted() { resolve(name, stack: []) }
        return resolved
    }

    /// The `%name`s a pattern's source mentions (quoted literals included, which is harmless).
    static func references(in source: String) -> [String] {
        var names: [String] = []
        var scalars = source.unicodeScalars[...]
        while let percent = scalars.firstIndex(of: "%") {
            scalars = scalars[scalars.index(after: percent)...]
            let name = scalars.prefix { $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_" || $0 == "-" }
            if !name.isEmpty { names.append(String(String.UnicodeScalarView(name))) }
            scalars = scalars.dropFirst(name.count)
        }
        return names
    }

    // MARK: - Rules

    private mutating func compileRule(_ node: Node, file: String, defaultStage: Stage?, lexiconIndex: [String: Int],
                                      lexicons: [Lexicon]) -> Rule? {
        guard let mapping = node.mapping else {
            error(file, node, .badValue, "a rule is a mapping with id, pattern, emit and examples")
            return nil
        }
        checkKeys(mapping, allowed: Self.ruleKeys, file: file, what: "rule")
        guard let idNode = mapping["id"], let id = idNode.scalar?.string, !id.isEmpty else {
            error(file, node, .missingKey, "a rule needs an 'id'", hint: "ids are <area>.<construction>, e.g. money.symbol-number-scale")
            return nil
        }
        let errorCount = errors.count
        var stage = defaultStage
        if let stageNode = mapping["stage"] { stage = self.stage(stageNode, file: file) }
        guard let stage else {
            error(file, node, .missingKey, "rule '\(id)' has no 'stage' and its file sets none", rule: id,
                  hint: "stages: \(Stage.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        var priority = 0
        if let priorityNode = mapping["priority"] {
            if let value = priorityNode.scalar.flatMap({ Int($0.string) }) { priority = value }
            else { error(file, priorityNode, .badValue, "'priority' must be a whole number", rule: id) }
        }
        let aliases = mapping["aliases"]?.sequence?.compactMap { $0.scalar?.string } ?? []
        let description = mapping["description"]?.scalar?.string ?? ""
        if description.isEmpty {
            error(file, node, .missingKey, "rule '\(id)' needs a one-line 'description'", rule: id)
        }

        // The pattern.
        guard let patternNode = mapping["pattern"], let patternSource = patternNode.scalar?.string else {
            error(file, node, .missingKey, "rule '\(id)' needs a 'pattern'", rule: id)
            return nil
        }
        var parser = PatternParser(patternSource, tokenizer: tokenizer, definitions: definitions)
        let pattern: PatternNode
        do {
            pattern = try parser.parse()
        } catch {
            patternError(error, node: patternNode, file: file, rule: id)
            return nil
        }
        checkPattern(pattern, stage: stage, node: patternNode, file: file, rule: id, lexiconIndex: lexiconIndex, lexicons: lexicons)
        var captures: Set<String> = []
        PatternAnalysis.walk(pattern) { if case .capture(let name, _) = $0 { captures.insert(name) } }

        // What it makes.
        guard let emitNode = mapping["emit"], let emit = emitNode.mapping else {
            error(file, node, .missingKey, "rule '\(id)' needs an 'emit' mapping with a 'label'", rule: id)
            return nil
        }
        guard let label = emit["label"]?.scalar?.string else {
            error(file, emitNode, .missingKey, "'emit' needs a 'label'", rule: id,
                  hint: "labels of the \(stage.rawValue) stage: \(stage.labels.sorted().joined(separator: ", "))")
            return nil
        }
        if !stage.labels.contains(label) {
            error(file, emit["label"]!, .unknownLabel, "the \(stage.rawValue) stage cannot make '\(label)'", rule: id,
                  hint: "labels of the \(stage.rawValue) stage: \(stage.labels.sorted().joined(separator: ", "))")
        }
        var spanCapture: String?
        var fields: [(String, FieldExpression)] = []
        var written: Set<String> = []
        let allowed = Normalizers.fields[label] ?? ([], [])
        let knownLabel = stage.labels.contains(label)
        for (keyNode, valueNode) in emit {
            guard let key = keyNode.scalar?.string else { continue }
            if key == "label" { continue }
            written.insert(key)
            if key == "span" {
                spanCapture = valueNode.scalar?.string
                if let spanCapture, !captures.contains(spanCapture) {
                    error(file, valueNode, .unknownCapture, "'span' names capture '\(spanCapture)', which the pattern does not define", rule: id,
                          hint: RuleFileError.suggestion(for: spanCapture, among: captures).map { "did you mean '\($0)'?" })
                }
                continue
            }
            guard knownLabel else { continue }
            guard allowed.allowed.contains(key) else {
                error(file, keyNode, .unknownKey, "'\(label)' has no field '\(key)'", rule: id,
                      hint: allowed.allowed.isEmpty ? "'\(label)' takes no fields" : "fields: \(allowed.allowed.sorted().joined(separator: ", "))")
                continue
            }
            guard let text = valueNode.scalar?.string else {
                error(file, valueNode, .badValue, "field '\(key)' must be a constant or a normalizer call", rule: id)
                continue
            }
            if let expression = fieldExpression(text, field: key, node: valueNode, file: file, rule: id, captures: captures) {
                fields.append((key, expression))
            }
        }
        // A field written but refused has its own error; only absent ones are reported here.
        for required in allowed.required.sorted() where knownLabel && !written.contains(required) {
            error(file, emitNode, .missingKey, "'\(label)' needs the field '\(required)'", rule: id)
        }

        let examples = readExamples(mapping["examples"], ruleNode: node, file: file, rule: id, label: label)
        guard errors.count == errorCount else { return nil }

        var builder = ProgramBuilder(lexiconIndex: lexiconIndex, vocabulary: vocabulary)
        let program = builder.build(pattern)
        let requirements = Requirement.analyze(pattern, lexicons: lexicons, lexiconIndex: lexiconIndex)
        return Rule(id: id, aliases: aliases, stage: stage, description: description, priority: priority,
                    patternSource: patternSource, pattern: pattern, label: label, spanCapture: spanCapture,
                    fields: fields, examples: examples, file: file, line: node.mark?.line ?? 0,
                    program: program, firstSet: Self.firstSet(pattern, lexicons: lexicons, lexiconIndex: lexiconIndex),
                    requirements: requirements.narrowest, orderedRequirements: requirements.ordered,
                    captureLexicons: Self.captureLexicons(pattern, lexiconIndex: lexiconIndex))
    }

    private mutating func checkPattern(_ pattern: PatternNode, stage: Stage, node: Node, file: String, rule: String,
                                       lexiconIndex: [String: Int], lexicons: [Lexicon]) {
        if PatternAnalysis.canBeEmpty(pattern) {
            error(file, node, .matchesEmpty, "the pattern can match no tokens at all", rule: rule,
                  hint: "make at least one part required (drop a '?' or '*')")
        }
        var captureNames: Set<String> = []
        PatternAnalysis.walk(pattern) { part in
            switch part {
            case .lexicon(let name):
                guardLexicon(name, node: node, file: file, rule: rule, lexiconIndex: lexiconIndex)
            case .token(let test):
                for condition in test.conditions {
                    switch condition {
                    case .inLexicon(let name, _):
                        guardLexicon(name, node: node, file: file, rule: rule, lexiconIndex: lexiconIndex)
                    case .inMention(let labels, _):
                        for label in labels where !stage.visibleLabels.contains(label) {
                            error(file, node, .unknownLabel, "[in=\(label)] names a label this stage cannot see", rule: rule,
                                  hint: stage.visibleLabels.isEmpty ? "the \(stage.rawValue) stage runs first and sees no mentions" : "labels here: \(stage.visibleLabels.sorted().joined(separator: ", "))")
                        }
                    default:
                        break
                    }
                }
            case .mention(let label):
                if !stage.visibleLabels.contains(label) {
                    let known = Stage.allCases.flatMap(\.labels)
                    let hint = known.contains(label)
                        ? "'\(label)' is made by a later stage; a \(stage.rawValue) rule sees only \(stage.visibleLabels.sorted().joined(separator: ", "))"
                        : "write '\(label)' in quotes for the literal word; labels here: \(stage.visibleLabels.sorted().joined(separator: ", "))"
                    error(file, node, .unknownLabel, "unknown mention label '\(label)'", rule: rule, hint: hint)
                }
            case .capture(let name, _):
                if !captureNames.insert(name).inserted {
                    error(file, node, .badValue, "capture '\(name)' is defined twice", rule: rule)
                }
            case .lookaround(let inner, _, _):
                let length = PatternAnalysis.maxLength(inner) { name in lexiconIndex[name].map { lexicons[$0].maxLength } ?? 1 }
                if length == nil {
                    error(file, node, .unboundedContext, "context (?= ...) and (?<= ...) must have a bounded length", rule: rule,
                          hint: "replace '*' and '+' inside the context by {0,n} or {1,n}")
                }
            default:
                break
            }
        }
    }

    private mutating func guardLexicon(_ name: String, node: Node, file: String, rule: String, lexiconIndex: [String: Int]) {
        guard lexiconIndex[name] == nil else { return }
        error(file, node, .unknownLexicon, "unknown lexicon '@\(name)'", rule: rule,
              hint: RuleFileError.suggestion(for: name, among: lexiconIndex.keys).map { "did you mean '@\($0)'?" }
                ?? "a lexicon is a TSV file under the rules folder named \(name).tsv")
    }

    private mutating func fieldExpression(_ text: String, field: String, node: Node, file: String, rule: String,
                                          captures: Set<String>) -> FieldExpression? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let open = trimmed.firstIndex(of: "("), trimmed.hasSuffix(")") else {
            if let allowed = Normalizers.constants[field], !allowed.contains(trimmed) {
                error(file, node, .badValue, "'\(trimmed)' is not a \(field)", rule: rule,
                      hint: RuleFileError.suggestion(for: trimmed, among: allowed).map { "did you mean '\($0)'?" }
                        ?? "\(field) is one of \(allowed.sorted().joined(separator: ", "))")
                return nil
            }
            return .constant(trimmed)
        }
        let name = String(trimmed[..<open]).trimmingCharacters(in: .whitespaces)
        let arguments = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let (fewest, most) = Normalizers.arity[name] else {
            error(file, node, .unknownNormalizer, "unknown normalizer '\(name)'", rule: rule,
                  hint: RuleFileError.suggestion(for: name, among: Normalizers.arity.keys).map { "did you mean '\($0)'?" }
                    ?? "normalizers: \(Normalizers.arity.keys.sorted().joined(separator: ", "))")
            return nil
        }
        if arguments.count < fewest || (most.map { arguments.count > $0 } ?? false) {
            error(file, node, .unknownNormalizer, "'\(name)' takes \(most == fewest ? "\(fewest)" : "\(fewest) or more") capture\(fewest == 1 && most == 1 ? "" : "s"), not \(arguments.count)", rule: rule)
            return nil
        }
        for argument in arguments where !captures.contains(argument) {
            error(file, node, .unknownCapture, "'\(name)(\(arguments.joined(separator: ", ")))' names capture '\(argument)', which the pattern does not define", rule: rule,
                  hint: RuleFileError.suggestion(for: argument, among: captures).map { "did you mean '\($0)'?" }
                    ?? (captures.isEmpty ? "the pattern has no captures; name one with (?<\(argument)> ...)" : "captures: \(captures.sorted().joined(separator: ", "))"))
            return nil
        }
        return .call(name, arguments)
    }

    // MARK: - Examples

    private mutating func readExamples(_ node: Node?, ruleNode: Node, file: String, rule: String, label: String) -> [RuleExample] {
        guard let node else {
            error(file, ruleNode, .missingExamples, "rule '\(rule)' has no examples", rule: rule,
                  hint: "add at least one positive example (text + expect) and one negative (text + expect: [])")
            return []
        }
        guard let sequence = node.sequence else {
            error(file, node, .badExample, "'examples' must be a list", rule: rule)
            return []
        }
        var examples: [RuleExample] = []
        for item in sequence {
            guard let mapping = item.mapping else {
                error(file, item, .badExample, "an example is a mapping: {text: ..., expect: [...]}", rule: rule)
                continue
            }
            checkKeys(mapping, allowed: Self.exampleKeys, file: file, what: "example")
            let line = item.mark?.line ?? 0
            if let todo = mapping["todo"]?.scalar?.string {
                examples.append(RuleExample(text: todo, expect: [], isTodo: true, file: file, line: line))
                continue
            }
            guard let text = mapping["text"]?.scalar?.string, !text.isEmpty else {
                error(file, item, .badExample, "an example needs a 'text'", rule: rule)
                continue
            }
            guard let expectNode = mapping["expect"], let expected = expectNode.sequence else {
                error(file, item, .badExample, "an example needs 'expect': a list of records, or [] for a negative", rule: rule)
                continue
            }
            var records: [ExpectedRecord] = []
            for recordNode in expected {
                guard let recordMapping = recordNode.mapping else {
                    error(file, recordNode, .badExample, "an expected record is a mapping of fields", rule: rule)
                    continue
                }
                var record: ExpectedRecord = []
                for (key, value) in recordMapping {
                    guard let name = key.scalar?.string else { continue }
                    record.append((name, Self.exampleValue(value)))
                }
                if !record.contains(where: { $0.0 == "kind" }) {
                    error(file, recordNode, .badExample, "an expected record needs a 'kind' (entity, money, investment)", rule: rule)
                }
                records.append(record)
            }
            examples.append(RuleExample(text: text, expect: records, isTodo: false, file: file, line: line))
        }
        let positives = examples.filter { !$0.isTodo && !$0.expect.isEmpty }.count
        let negatives = examples.filter(\.isNegative).count
        if label != "SKIP" && (positives == 0 || negatives == 0) {
            error(file, node, .missingExamples, "rule '\(rule)' needs a positive and a negative example (it has \(positives) and \(negatives))", rule: rule,
                  hint: "a negative example is a near miss the rule must not fire on: {text: ..., expect: []}")
        } else if label == "SKIP" && positives + negatives == 0 {
            error(file, node, .missingExamples, "rule '\(rule)' needs examples", rule: rule)
        }
        return examples
    }

    static func exampleValue(_ node: Node) -> ExampleValue {
        if let sequence = node.sequence { return .list(sequence.map(exampleValue)) }
        if let mapping = node.mapping {
            var members: [String: ExampleValue] = [:]
            for (key, value) in mapping { if let name = key.scalar?.string { members[name] = exampleValue(value) } }
            return .object(members)
        }
        guard let scalar = node.scalar else { return .null }
        let text = scalar.string
        if scalar.style == .plain {
            if text == "null" || text == "~" { return .null }
            if text == "true" { return .bool(true) }
            if text == "false" { return .bool(false) }
            if let number = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), text.first.map({ $0.isNumber || $0 == "-" }) == true,
               Double(text) != nil {
                return .number(number)
            }
        }
        return .string(text)
    }

    // MARK: - Stages

    private mutating func stage(_ node: Node, file: String) -> Stage? {
        guard let name = node.scalar?.string else { return nil }
        if let stage = Stage(rawValue: name) { return stage }
        error(file, node, .badValue, "unknown stage '\(name)'",
              hint: RuleFileError.suggestion(for: name, among: Stage.allCases.map(\.rawValue)).map { "did you mean '\($0)'?" }
                ?? "stages: \(Stage.allCases.map(\.rawValue).joined(separator: ", "))")
        return nil
    }

    private mutating func readPolicies(_ node: Node, file: String, into policies: inout [Stage: OverlapPolicy]) {
        guard let mapping = node.mapping else {
            error(file, node, .badValue, "'stages' maps each stage to its settings, e.g. {money: {overlap: longest}}")
            return
        }
        for (keyNode, valueNode) in mapping {
            guard let stage = stage(keyNode, file: file) else { continue }
            guard let settings = valueNode.mapping else { continue }
            checkKeys(settings, allowed: ["overlap"], file: file, what: "stage setting")
            if let overlapNode = settings["overlap"], let name = overlapNode.scalar?.string {
                if let policy = OverlapPolicy(rawValue: name) { policies[stage] = policy }
                else { error(file, overlapNode, .badValue, "unknown overlap policy '\(name)'", hint: "policies: longest, priority, all") }
            }
        }
    }

    static func captureLexicons(_ pattern: PatternNode, lexiconIndex: [String: Int]) -> [String: [Int]] {
        var result: [String: [Int]] = [:]
        PatternAnalysis.walk(pattern) { node in
            guard case .capture(let name, let inner) = node else { return }
            var indices: [Int] = []
            PatternAnalysis.walk(inner) { part in
                if case .lexicon(let lexicon) = part, let index = lexiconIndex[lexicon], !indices.contains(index) { indices.append(index) }
                if case .token(let test) = part {
                    for case .inLexicon(let lexicon, false) in test.conditions {
                        if let index = lexiconIndex[lexicon], !indices.contains(index) { indices.append(index) }
                    }
                }
            }
            result[name] = indices
        }
        return result
    }

    // MARK: - First sets

    static func firstSet(_ pattern: PatternNode, lexicons: [Lexicon], lexiconIndex: [String: Int]) -> FirstSet {
        var set = FirstSet()
        _ = collectFirst(pattern, into: &set, lexicons: lexicons, lexiconIndex: lexiconIndex)
        return set
    }

    /// Adds what `node` can start with; returns whether it can be empty (so what follows counts too).
    private static func collectFirst(_ node: PatternNode, into set: inout FirstSet, lexicons: [Lexicon], lexiconIndex: [String: Int]) -> Bool {
        switch node {
        case .token(let test):
            var keys: Set<String>?
            for condition in test.conditions {
                switch condition {
                case .lower(let values, false): keys = values
                case .text(let values, false): keys = Set(values.map { $0.lowercased() })
                default: continue
                }
            }
            if let keys { set.lowers.formUnion(keys) } else { set.anyToken = true }
            return false
        case .lexicon(let name):
            if let index = lexiconIndex[name] {
                // Taken whole when the set is still empty, as it is for a rule that starts with a lexicon.
                if set.lowers.isEmpty { set.lowers = lexicons[index].firstWords } else { set.lowers.formUnion(lexicons[index].firstWords) }
            }
            return false
        case .mention(let label):
            set.labels.formUnion(label == "ENTITY" ? Stage.entityLabels : [label])
            return false
        case .sequence(let parts):
            for part in parts where !collectFirst(part, into: &set, lexicons: lexicons, lexiconIndex: lexiconIndex) { return false }
            return true
        case .alternation(let branches):
            var empty = false
            for branch in branches where collectFirst(branch, into: &set, lexicons: lexicons, lexiconIndex: lexiconIndex) { empty = true }
            return empty
        case .repetition(let inner, let min, _):
            let empty = collectFirst(inner, into: &set, lexicons: lexicons, lexiconIndex: lexiconIndex)
            return empty || min == 0
        case .capture(_, let inner):
            return collectFirst(inner, into: &set, lexicons: lexicons, lexiconIndex: lexiconIndex)
        case .lookaround:
            return true
        }
    }

    // MARK: - Errors

    private mutating func checkKeys(_ mapping: Node.Mapping, allowed: Set<String>, file: String, what: String) {
        for (keyNode, _) in mapping {
            guard let key = keyNode.scalar?.string, !allowed.contains(key) else { continue }
            error(file, keyNode, .unknownKey, "unknown \(what) key '\(key)'",
                  hint: RuleFileError.suggestion(for: key, among: allowed).map { "did you mean '\($0)'?" }
                    ?? "\(what) keys: \(allowed.sorted().joined(separator: ", "))")
        }
    }

    private mutating func error(_ file: String, _ node: Node, _ code: RuleFileError.Code, _ message: String,
                                rule: String? = nil, hint: String? = nil) {
        let line = node.mark?.line ?? 0
        let column = node.mark?.column ?? 0
        errors.append(RuleFileError(file: file, line: line, column: column, ruleID: rule, code: code, message: message,
                                    hint: hint, sourceLine: sourceLine(file, line)))
    }

    private mutating func patternError(_ problem: PatternSyntaxError, node: Node, file: String, rule: String) {
        let line = node.mark?.line ?? 0
        var column = node.mark?.column ?? 0
        // Point into the pattern text: after the opening quote of a quoted scalar.
        if column > 0, let style = node.scalar?.style, style == .plain || style == .singleQuoted || style == .doubleQuoted {
            column += problem.offset + (style == .plain ? 0 : 1)
        }
        errors.append(RuleFileError(file: file, line: line, column: column, ruleID: rule, code: problem.code,
                                    message: problem.message, hint: problem.hint, sourceLine: sourceLine(file, line)))
    }

    private func syntaxError(_ error: YamlError, file: String) -> RuleFileError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return RuleFileError(file: file, line: mark.line, column: mark.column, code: .syntax, message: "YAML: \(problem)",
                                 sourceLine: sourceLine(file, mark.line))
        default:
            return RuleFileError(file: file, line: 0, column: 0, code: .syntax, message: "YAML: \(error)")
        }
    }

    private func sourceLine(_ file: String, _ line: Int) -> String? {
        // Split only when an error needs its line: a rule set without errors never pays for it.
        guard line > 0, let text = contents[file] else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard line <= lines.count else { return nil }
        return lines[line - 1].replacingOccurrences(of: "\r", with: "")
    }
}
