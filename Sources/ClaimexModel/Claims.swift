import Foundation

/// A reference to an entity from another record: its canonical name and key.
public struct PartyRef: Sendable, Hashable {
    /// The canonical name (`Mistral AI`).
    public let name: String
    /// The stable key (`org:mistral-ai`).
    public let key: String

    /// Creates a reference.
    public init(name: String, key: String) {
        self.name = name
        self.key = key
    }
}

/// A distinct entity of a document with every mention of it: the contract's `entity` record.
public struct EntityClaim: Sendable, Hashable {
    public let id: String
    public let rule: String
    /// `ORG`, `PERSON`, `PRODUCT` or `GPE`.
    public let type: String
    public let name: String
    public let key: String
    /// Every mention, aliases and short forms included, in text order.
    public let mentions: [TextSpan]

    public init(id: String, rule: String, type: String, name: String, key: String, mentions: [TextSpan]) {
        self.id = id
        self.rule = rule
        self.type = type
        self.name = name
        self.key = key
        self.mentions = mentions
    }

    /// The reference other records use.
    public var ref: PartyRef { PartyRef(name: name, key: key) }
}

/// A money amount as stated: value in currency units, ISO currency, qualifier, range and rate.
public struct MoneyAmount: Sendable, Hashable {
    public let value: Decimal
    public let currency: String
    public let qualifier: String?
    public let range: [Decimal]?
    public let period: String?
    public let text: String
    public let span: TextSpan

    public init(value: Decimal, currency: String, qualifier: String?, range: [Decimal]?, period: String?, text: String, span: TextSpan) {
        self.value = value
        self.currency = currency
        self.qualifier = qualifier
        self.range = range
        self.period = period
        self.text = text
        self.span = span
    }
}

/// One money amount of a document with its role and subject: the contract's `money` record.
public struct MoneyClaim: Sendable, Hashable {
    public let id: String
    public let rule: String
    public let amount: MoneyAmount
    /// `investment`, `funding`, `valuation`, `revenue`, `spending`, `acquisition` or `other`.
    public let role: String
    /// The rule that gave the role, when one did.
    public let roleRule: String?
    public let subject: PartyRef?

    public init(id: String, rule: String, amount: MoneyAmount, role: String, roleRule: String?, subject: PartyRef?) {
        self.id = id
        self.rule = rule
        self.amount = amount
        self.role = role
        self.roleRule = roleRule
        self.subject = subject
    }
}

/// One investor → investee edge: the contract's `investment` record.
public struct InvestmentClaim: Sendable, Hashable {
    public let id: String
    public let rule: String
    public let investor: PartyRef?
    public let investee: PartyRef
    public let amount: MoneyAmount?
    public let joint: Bool
    public let coInvestors: [PartyRef]
    /// `asserted`, `reported`, `planned`, `negated` or `rumored`.
    public let modality: String
    /// The sentence that states it.
    public let evidence: TextSpan
    public let evidenceText: String

    public init(id: String, rule: String, investor: PartyRef?, investee: PartyRef, amount: MoneyAmount?, joint: Bool,
                coInvestors: [PartyRef], modality: String, evidence: TextSpan, evidenceText: String) {
        self.id = id
        self.rule = rule
        self.investor = investor
        self.investee = investee
        self.amount = amount
        self.joint = joint
        self.coInvestors = coInvestors
        self.modality = modality
        self.evidence = evidence
        self.evidenceText = evidenceText
    }
}

/// A document's claims of every kind.
public struct Claims: Sendable, Hashable {
    public var entities: [EntityClaim]
    public var money: [MoneyClaim]
    public var investments: [InvestmentClaim]

    public init(entities: [EntityClaim] = [], money: [MoneyClaim] = [], investments: [InvestmentClaim] = []) {
        self.entities = entities
        self.money = money
        self.investments = investments
    }

    /// Whether there is no claim at all.
    public var isEmpty: Bool { entities.isEmpty && money.isEmpty && investments.isEmpty }
}

/// Stable record ids: the first 16 hex digits of the SHA-256 of the document id, the kind,
/// the span and the normalized content, so the same claim has the same id in every run.
public enum RecordID {
    public static func make(doc: DocumentID, kind: String, span: TextSpan, content: String) -> String {
        DocumentID(of: Array("\(doc.hex)|\(kind)|\(span.start):\(span.end)|\(content)".utf8)).hex
    }
}
