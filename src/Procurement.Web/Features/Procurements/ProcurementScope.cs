using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Procurement.Data;
using Procurement.Domain.Identity;
using Procurement.Domain.Procurements;
using Procurement.Web.Infrastructure;

namespace Procurement.Web.Features.Procurements;

/// <summary>The procurement a request is about, and where the signed-in user stands in it.</summary>
public sealed record ProcurementScope(
    Guid Id,
    string Reference,
    string Title,
    ProcurementPhase Phase,
    Guid OwnerOrganisationId,
    ProcurementAccess Access,
    long ListVersion);

public sealed class ProcurementScopes(DbSession session)
{
    public async Task<ProcurementScope?> LoadAsync(Guid id, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var organisationId = user.OrganisationId();
        var row = await session.QuerySingleOrDefaultAsync<ScopeRow>(
            """
            SELECT p.id, p.reference, p.title, p.phase, p.owner_organisation_id, p.list_version,
                   (SELECT pa.status FROM participations pa WHERE pa.procurement_id = p.id AND pa.organisation_id = @organisationId) AS participation
            FROM procurements p WHERE p.id = @id
            """, new { id, organisationId }, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var access = new ProcurementAccess(
            IsOwnerOfficer: user.IsInRole(Roles.ProcurementOfficer) && row.OwnerOrganisationId == organisationId,
            IsAdministrator: user.IsInRole(Roles.Administrator),
            Participation: user.IsInRole(Roles.MunicipalityRepresentative) ? row.Participation : null);
        return new ProcurementScope(row.Id, row.Reference, row.Title, row.Phase, row.OwnerOrganisationId, access, row.ListVersion);
    }

    private sealed class ScopeRow
    {
        public Guid Id { get; init; }

        public string Reference { get; init; } = "";

        public string Title { get; init; } = "";

        public ProcurementPhase Phase { get; init; }

        public Guid OwnerOrganisationId { get; init; }

        public long ListVersion { get; init; }

        public ParticipationStatus? Participation { get; init; }
    }
}

/// <summary>What an action needs of the signed-in user's standing in the procurement of its route.</summary>
public enum ProcurementNeed
{
    /// <summary>Invited or more: may see the procurement and answer the invitation.</summary>
    Overview,

    /// <summary>Joined participant, owning officer or administrator: the shared draft and all needs.</summary>
    Workspace,

    /// <summary>Officer of the purchasing body that owns it, or an administrator: follows the work without taking part.</summary>
    Oversee,

    /// <summary>Officer of the purchasing body that owns it.</summary>
    Manage,
}

/// <summary>
/// Loads the procurement named by the route value "id" before the action runs: 404 when there is none,
/// 403 when the user's standing does not meet <see cref="Need"/>. The action reads it with
/// <see cref="ProcurementScopeExtensions.Procurement"/>; views get it as ViewData["Procurement"].
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ProcurementAccessAttribute(ProcurementNeed need) : Attribute, IAsyncActionFilter, IOrderedFilter
{
    public ProcurementNeed Need { get; } = need;

    // Before the validation filter (10): a refused form is never shown to someone without access.
    public int Order => 5;

    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        if (!Guid.TryParse(context.RouteData.Values["id"] as string, out var id))
        {
            context.Result = new NotFoundResult();
            return;
        }

        var scope = await context.HttpContext.RequestServices.GetRequiredService<ProcurementScopes>()
            .LoadAsync(id, context.HttpContext.User, context.HttpContext.RequestAborted);
        if (scope is null)
        {
            context.Result = new NotFoundResult();
            return;
        }

        var allowed = Need switch
        {
            ProcurementNeed.Overview => scope.Access.CanSeeOverview,
            ProcurementNeed.Workspace => scope.Access.CanSeeWorkspace,
            ProcurementNeed.Oversee => scope.Access.CanManage || scope.Access.IsAdministrator,
            _ => scope.Access.CanManage,
        };
        if (!allowed)
        {
            context.Result = new ForbidResult();
            return;
        }

        context.HttpContext.Items[typeof(ProcurementScope)] = scope;
        if (context.Controller is Controller controller)
        {
            controller.ViewData["Procurement"] = scope;
        }

        await next();
    }
}

public static class ProcurementScopeExtensions
{
    public static ProcurementScope Procurement(this HttpContext context) =>
        context.Items[typeof(ProcurementScope)] as ProcurementScope
        ?? throw new InvalidOperationException("The action has no [ProcurementAccess] attribute.");
}
