using System.Buffers.Binary;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Procurement.Data.Identity;
using Procurement.Domain.Identity;
using Procurement.Testing;

namespace Procurement.IntegrationTests.Identity;

public sealed class UserStoreTests(ProcurementWebFactory app) : IClassFixture<ProcurementWebFactory>
{
    [Fact]
    public async Task An_update_based_on_a_stale_copy_is_refused_with_a_concurrency_failure()
    {
        var user = await app.CreateUserAsync(Roles.Supplier);

        var (first, second) = await app.WithServicesAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var copyA = (await users.FindByIdAsync(user.Id.ToString()))!;
            var copyB = (await users.FindByIdAsync(user.Id.ToString()))!;
            copyA.DisplayName = "Först";
            copyB.DisplayName = "Sist";
            return (await users.UpdateAsync(copyA), await users.UpdateAsync(copyB));
        });

        Assert.True(first.Succeeded);
        Assert.False(second.Succeeded);
        Assert.Equal(nameof(IdentityErrorDescriber.ConcurrencyFailure), Assert.Single(second.Errors).Code);
        Assert.Equal("Först", await app.QueryScalarAsync<string>("SELECT display_name FROM users WHERE id = @Id", new { user.Id }));
    }

    [Fact]
    public async Task Roles_are_stored_and_read_back()
    {
        var user = await app.CreateUserAsync(Roles.MunicipalityRepresentative);

        var (roles, isInRole, members) = await app.WithServicesAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var found = (await users.FindByEmailAsync(user.Email))!;
            return (await users.GetRolesAsync(found), await users.IsInRoleAsync(found, Roles.MunicipalityRepresentative),
                await users.GetUsersInRoleAsync(Roles.MunicipalityRepresentative));
        });

        Assert.Equal([Roles.MunicipalityRepresentative], roles);
        Assert.True(isInRole);
        Assert.Contains(members, m => m.Id == user.Id);
    }

    [Fact]
    public async Task Recovery_codes_are_stored_only_as_hashes_and_work_once()
    {
        var user = await app.CreateUserAsync(Roles.ProcurementOfficer);

        var codes = await app.WithServicesAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var found = (await users.FindByIdAsync(user.Id.ToString()))!;
            return (await users.GenerateNewTwoFactorRecoveryCodesAsync(found, 10))!.ToList();
        });
        var stored = await app.QueryScalarAsync<string>(
            "SELECT GROUP_CONCAT(code_hash, ',') FROM user_recovery_codes WHERE user_id = @Id", new { user.Id });

        Assert.Equal(10, stored.Split(',').Length);
        Assert.Equal(codes.Select(UserStore.HashRecoveryCode).Order(), stored.Split(',').Order()); // exactly the hashes, nothing else
        var (first, again, left) = await app.WithServicesAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var found = (await users.FindByIdAsync(user.Id.ToString()))!;
            var redeemed = await users.RedeemTwoFactorRecoveryCodeAsync(found, codes[3].ToLowerInvariant());
            found = (await users.FindByIdAsync(user.Id.ToString()))!;
            return (redeemed, await users.RedeemTwoFactorRecoveryCodeAsync(found, codes[3]), await users.CountRecoveryCodesAsync(found));
        });
        Assert.True(first.Succeeded);
        Assert.False(again.Succeeded);
        Assert.Equal(9, left);
    }

    [Fact]
    public async Task Passwords_are_hashed_with_PBKDF2_at_210000_iterations()
    {
        var user = await app.CreateUserAsync(Roles.Supplier);

        var hash = await app.QueryScalarAsync<string>("SELECT password_hash FROM users WHERE id = @Id", new { user.Id });

        Assert.Equal(210_000, IterationCount(hash));
        Assert.DoesNotContain(user.Password, hash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_old_hash_with_fewer_iterations_is_replaced_at_the_next_sign_in()
    {
        var user = await app.CreateUserAsync(Roles.Supplier);
        var weak = new PasswordHasher<AppUser>(Options.Create(new PasswordHasherOptions { IterationCount = 100_000 }))
            .HashPassword(new AppUser(), user.Password);
        await app.ExecuteAsync("UPDATE users SET password_hash = @weak WHERE id = @Id", new { weak, user.Id });
        Assert.Equal(100_000, IterationCount(await app.QueryScalarAsync<string>("SELECT password_hash FROM users WHERE id = @Id", new { user.Id })));

        using var client = app.NewClient();
        await client.SignInAsync(user);

        Assert.Equal(210_000, IterationCount(await app.QueryScalarAsync<string>("SELECT password_hash FROM users WHERE id = @Id", new { user.Id })));
    }

    /// <summary>Identity v3 format: 0x01, PRF (4 bytes), iteration count (4 bytes, big-endian), …</summary>
    private static int IterationCount(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        Assert.Equal(0x01, bytes[0]);
        return (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4));
    }
}
