namespace Procurement.Domain.Procurements;

/// <summary>Why a phase change is refused. Each has a Swedish message in the web app.</summary>
public enum PhaseChangeRefusal
{
    None,

    /// <summary>Only the next phase, or back from Sammanställning to Insamling.</summary>
    NotAdjacent,

    /// <summary>Nothing follows publication.</summary>
    AlreadyPublished,

    /// <summary>Collection cannot close before any municipality has joined.</summary>
    NoParticipants,

    /// <summary>Prioritising, reviewing and publishing need a specification.</summary>
    NoRequirements,

    /// <summary>Every category of the dynamic purchasing system needs at least one requirement before publication.</summary>
    CategoryWithoutRequirements,

    /// <summary>Reopening collection, or any step back, needs a reason for the journal.</summary>
    ReasonMissing,
}

/// <summary>What the guards need to know about a procurement.</summary>
public sealed record PhaseChangeFacts(
    ProcurementPhase Current,
    int JoinedParticipants,
    int Requirements,
    int CategoriesWithoutRequirements);

/// <summary>
/// Phase changes are explicit and guarded: one step forward at a time, or back from Sammanställning to
/// Insamling to let municipalities add needs they forgot (with a reason). Publication is final; corrections
/// after it are versioned changes of the tender package, not a way back.
/// </summary>
public static class PhaseChange
{
    public static PhaseChangeRefusal Check(PhaseChangeFacts facts, ProcurementPhase target, string? reason)
    {
        if (facts.Current == ProcurementPhase.Published)
        {
            return PhaseChangeRefusal.AlreadyPublished;
        }

        var back = target < facts.Current;
        if (back)
        {
            if (facts.Current != ProcurementPhase.Compilation || target != ProcurementPhase.Collection)
            {
                return PhaseChangeRefusal.NotAdjacent;
            }

            return string.IsNullOrWhiteSpace(reason) ? PhaseChangeRefusal.ReasonMissing : PhaseChangeRefusal.None;
        }

        if (target != facts.Current + 1)
        {
            return PhaseChangeRefusal.NotAdjacent;
        }

        return target switch
        {
            ProcurementPhase.Compilation when facts.JoinedParticipants == 0 => PhaseChangeRefusal.NoParticipants,
            >= ProcurementPhase.Prioritisation when facts.Requirements == 0 => PhaseChangeRefusal.NoRequirements,
            ProcurementPhase.Published when facts.CategoriesWithoutRequirements > 0 => PhaseChangeRefusal.CategoryWithoutRequirements,
            _ => PhaseChangeRefusal.None,
        };
    }
}
