namespace Procurement.Domain.Procurements;

/// <summary>How a person stands to one procurement; decides every permission below.</summary>
public enum ParticipationStatus
{
    Invited,
    Joined,
    Declined,
}

/// <summary>
/// Who may do what in a procurement. Officers of the purchasing body that owns it manage it; the
/// municipalities and regions that joined take part; everyone else sees nothing.
/// </summary>
public sealed record ProcurementAccess(bool IsOwnerOfficer, bool IsAdministrator, ParticipationStatus? Participation)
{
    public bool CanManage => IsOwnerOfficer;

    public bool IsParticipant => Participation == ParticipationStatus.Joined;

    /// <summary>Officers, administrators and joined participants see the shared draft and all needs.</summary>
    public bool CanSeeWorkspace => IsOwnerOfficer || IsAdministrator || IsParticipant;

    /// <summary>Invited organisations see the procurement so they can decide whether to join.</summary>
    public bool CanSeeOverview => CanSeeWorkspace || Participation is not null;

    public bool CanRespondToInvitation => Participation is ParticipationStatus.Invited or ParticipationStatus.Declined or ParticipationStatus.Joined;

    public bool CanSubmit(ProcurementPhase phase) => IsParticipant && phase.AcceptsSubmissions();

    public bool CanComment(ProcurementPhase phase) => (IsParticipant || IsOwnerOfficer) && phase.AcceptsComments();
}
