namespace Procurement.Domain.Procurements;

/// <summary>The phases of a joint procurement, in order. Stored by name; never rename.</summary>
public enum ProcurementPhase
{
    /// <summary>Insamling: municipalities join and send their needs.</summary>
    Collection,

    /// <summary>Sammanställning: officers merge the needs into one specification.</summary>
    Compilation,

    /// <summary>Prioritering: municipalities vote on priorities.</summary>
    Prioritisation,

    /// <summary>Granskning: the final review before publication.</summary>
    Review,

    /// <summary>Publicerad: the tender documents are out; the specification is frozen.</summary>
    Published,
}

public static class ProcurementPhases
{
    public static IReadOnlyList<ProcurementPhase> InOrder { get; } =
    [
        ProcurementPhase.Collection,
        ProcurementPhase.Compilation,
        ProcurementPhase.Prioritisation,
        ProcurementPhase.Review,
        ProcurementPhase.Published,
    ];

    /// <summary>Municipalities may send, change and withdraw needs, and support requirements.</summary>
    public static bool AcceptsSubmissions(this ProcurementPhase phase) => phase == ProcurementPhase.Collection;

    /// <summary>Officers merge needs into requirements while the specification is compiled.</summary>
    public static bool AcceptsMerging(this ProcurementPhase phase) => phase == ProcurementPhase.Compilation;

    /// <summary>The near-duplicate analysis may run while needs come in, to show what is coming, and during compilation.</summary>
    public static bool AcceptsMergeAnalysis(this ProcurementPhase phase) => phase <= ProcurementPhase.Compilation;

    /// <summary>Participants may discuss requirements until publication.</summary>
    public static bool AcceptsComments(this ProcurementPhase phase) => phase != ProcurementPhase.Published;

    /// <summary>Officers may change the specification until publication (afterwards only through corrections).</summary>
    public static bool SpecificationEditable(this ProcurementPhase phase) => phase != ProcurementPhase.Published;

    /// <summary>Municipalities may still be invited while needs are being collected and compiled.</summary>
    public static bool AcceptsInvitations(this ProcurementPhase phase) => phase <= ProcurementPhase.Compilation;
}
