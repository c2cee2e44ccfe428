using Microsoft.AspNetCore.Identity;

namespace Procurement.Data.Identity;

/// <summary>The four roles are seeded by the first migration; this store lets Identity read and maintain them.</summary>
public sealed class RoleStore(DbSession session, IdentityErrorDescriber errors) : IRoleStore<AppRole>
{
    private const string SelectRole = "SELECT id, name, normalized_name, concurrency_stamp FROM roles";

    public async Task<IdentityResult> CreateAsync(AppRole role, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync(
            "INSERT INTO roles (id, name, normalized_name, concurrency_stamp) VALUES (@Id, @Name, @NormalizedName, @ConcurrencyStamp)",
            role, cancellationToken);
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> UpdateAsync(AppRole role, CancellationToken cancellationToken)
    {
        var expected = role.ConcurrencyStamp;
        role.ConcurrencyStamp = Guid.NewGuid().ToString();
        var rows = await session.ExecuteAsync(
            "UPDATE roles SET name = @Name, normalized_name = @NormalizedName, concurrency_stamp = @ConcurrencyStamp WHERE id = @Id AND concurrency_stamp = @expected",
            new { role.Id, role.Name, role.NormalizedName, role.ConcurrencyStamp, expected }, cancellationToken);
        return rows == 1 ? IdentityResult.Success : IdentityResult.Failed(errors.ConcurrencyFailure());
    }

    public async Task<IdentityResult> DeleteAsync(AppRole role, CancellationToken cancellationToken)
    {
        var rows = await session.ExecuteAsync(
            "DELETE FROM roles WHERE id = @Id AND concurrency_stamp = @ConcurrencyStamp", role, cancellationToken);
        return rows == 1 ? IdentityResult.Success : IdentityResult.Failed(errors.ConcurrencyFailure());
    }

    public Task<string> GetRoleIdAsync(AppRole role, CancellationToken cancellationToken) => Task.FromResult(role.Id.ToString());

    public Task<string?> GetRoleNameAsync(AppRole role, CancellationToken cancellationToken) => Task.FromResult<string?>(role.Name);

    public Task SetRoleNameAsync(AppRole role, string? roleName, CancellationToken cancellationToken)
    {
        role.Name = roleName ?? "";
        return Task.CompletedTask;
    }

    public Task<string?> GetNormalizedRoleNameAsync(AppRole role, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(role.NormalizedName);

    public Task SetNormalizedRoleNameAsync(AppRole role, string? normalizedName, CancellationToken cancellationToken)
    {
        role.NormalizedName = normalizedName ?? "";
        return Task.CompletedTask;
    }

    public Task<AppRole?> FindByIdAsync(string roleId, CancellationToken cancellationToken) =>
        Guid.TryParse(roleId, out var id)
            ? session.QuerySingleOrDefaultAsync<AppRole>($"{SelectRole} WHERE id = @id", new { id }, cancellationToken)
            : Task.FromResult<AppRole?>(null);

    public Task<AppRole?> FindByNameAsync(string normalizedRoleName, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<AppRole>($"{SelectRole} WHERE normalized_name = @normalizedRoleName",
            new { normalizedRoleName }, cancellationToken);

    public void Dispose()
    {
        // The DbSession belongs to the scope and is disposed with it.
    }
}
