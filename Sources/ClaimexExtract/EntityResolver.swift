import ClaimexModel
import ClaimexRules
import Foundation

/// Groups a document's entity mentions into entities: the same key, the same name, a
/// person's surname alone (`Musk` → `Elon Musk`), and an organization's name without its
/// legal or sector suffix (`Mistral` → `Mistral AI`, `Quarry` → `Quarry Ventures`).
struct EntityResolver {
    /// Words that may follow an organization's short name in its full name.
    static let organizationSuffixes: Set<String> = [
        "ai", "labs", "lab", "inc", "inc.", "corp", "corp.", "corporation", "co", "co.", "ltd", "ltd.", "limited", "llc",
        "plc", "gmbh", "ag", "sa", "s.a.", "nv", "bv", "se", "technologies", "technology", "tech", "systems", "group",
        "holdings", "capital", "ventures", "partners", "management", "investments", "fund", "robotics", "energy",
        "therapeutics", "bio", "health", "software", "networks", "platforms", "industries", "global", "international",
        "financial", "bank", "securities", "asset", "advisors", "company",
    ]

    struct Entity {
        var type: String
        var name: String
        var key: String
        var rule: String
        var mentions: [Int]
    }

    private(set) var entities: [Entity] = []
    /// Mention index → entity index.
    private(set) var entityOfMention: [Int: Int] = [:]

    // Indexes over `entities`, so that resolving a page of thousands of names stays
    // linear. An entity's type, name and key never change once it is made.
    /// Key → the first entity with it.
    private var entityOfKey: [String: Int] = [:]
    /// Type and folded name → the first entity with them.
    private var entityOfName: [String: Int] = [:]
    /// A person's last name → the people whose full name ends with it, in order.
    private var peopleOfLastName: [String: [Int]] = [:]
    /// An organization's first word → the organizations whose name starts with it, in order.
    private var organizationsOfFirstWord: [String: [Int]] = [:]

    /// Resolves the entity mentions among `mentions`; `surface` gives a mention's text,
    /// the name of a mention whose rule sets none.
    init(mentions: [Mention], surface: (Mention) -> String) {
        let entityMentions = mentions.indices.filter { Stage.entityLabels.contains(mentions[$0].label) }
        // Longer names first, so short forms find the full name they abbreviate. Each name
        // and its length (in characters) are worked out once, not at every comparison.
        let names = entityMentions.map { Self.field(mentions[$0], "name") ?? Self.clean(surface(mentions[$0])) }
        let lengths = names.map(\.count)
        let ordered = names.indices.sorted { a, b in
            if lengths[a] != lengths[b] { return lengths[a] > lengths[b] }
            return a < b
        }
        for position in ordered {
            let index = entityMentions[position]
            let mention = mentions[index]
            let name = names[position]
            guard !name.isEmpty else { continue }
            let explicitKey = Self.field(mention, "key")
            if let found = match(type: mention.label, name: name, key: explicitKey) {
                entities[found].mentions.append(index)
                entityOfMention[index] = found
                continue
            }
            entityOfMention[index] = entities.count
            add(Entity(type: mention.label, name: name, key: explicitKey ?? Self.key(type: mention.label, name: name),
                       rule: mention.rule, mentions: [index]))
        }
    }

    private mutating func add(_ entity: Entity) {
        let index = entities.count
        entities.append(entity)
        if entityOfKey[entity.key] == nil { entityOfKey[entity.key] = index }
        let nameKey = entity.type + "\u{0}" + Self.fold(entity.name)
        if entityOfName[nameKey] == nil { entityOfName[nameKey] = index }
        let words = entity.name.split(separator: " ")
        if entity.type == "PERSON", let last = words.last { peopleOfLastName[String(last), default: []].append(index) }
        if entity.type == "ORG", let first = words.first { organizationsOfFirstWord[String(first), default: []].append(index) }
    }

    private func match(type: String, name: String, key: String?) -> Int? {
        if let key, let found = entityOfKey[key] { return found }
        if let found = entityOfName[type + "\u{0}" + Self.fold(name)] { return found }
        let words = name.split(separator: " ").map(String.init)
        switch type {
        case "PERSON" where words.count == 1:
            let matches = peopleOfLastName[name] ?? []
            return matches.count == 1 ? matches[0] : nil
        case "ORG":
            guard let first = words.first else { return nil }
            let matches = (organizationsOfFirstWord[first] ?? []).filter { index in
                let entity = entities[index]
                guard entity.type == "ORG" else { return false }
                let full = entity.name.split(separator: " ").map(String.init)
                guard full.count > words.count, Array(full.prefix(words.count)) == words else { return false }
                return full.dropFirst(words.count).allSatisfy { Self.organizationSuffixes.contains($0.lowercased()) }
            }
            return matches.count == 1 ? matches[0] : nil
        default:
            return nil
        }
    }

    static func field(_ mention: Mention, _ name: String) -> String? {
        if case .text(let value)? = mention.fields[name], !value.isEmpty { return value }
        return nil
    }

    /// A name as written, without a possessive or a leading "the".
    static func clean(_ name: String) -> String {
        var result = name
        for suffix in ["'s", "\u{2019}s", "'", "\u{2019}"] where result.hasSuffix(suffix) {
            result = String(result.dropLast(suffix.count))
            break
        }
        if result.hasPrefix("the ") || result.hasPrefix("The ") { result = String(result.dropFirst(4)) }
        return result.trimmingCharacters(in: .whitespaces)
    }

    static func fold(_ name: String) -> String {
        // Most names hold no curly apostrophe (E2 80 99): Foundation is not called for them.
        name.utf8.contains(0xE2) ? name.lowercased().replacingOccurrences(of: "\u{2019}", with: "'") : name.lowercased()
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    /// `org:mistral-ai`: the type and the name in lowercase ASCII letters and digits.
    static func key(type: String, name: String) -> String {
        // An ASCII name has no diacritics to fold: lowercasing it is all folding does.
        let folded = name.utf8.allSatisfy { $0 < 0x80 } ? name.lowercased()
            : name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: posix).lowercased()
        var slug = ""
        var dash = false
        for scalar in folded.unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                slug.unicodeScalars.append(scalar)
                dash = false
            } else if scalar == "&" {
                slug += (slug.isEmpty || dash ? "" : "-") + "and-"
                dash = true
            } else if !slug.isEmpty && !dash {
                slug += "-"
                dash = true
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return "\(type.lowercased()):\(slug.isEmpty ? "x" : slug)"
    }
}
