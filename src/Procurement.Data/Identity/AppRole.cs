namespace Procurement.Data.Identity;

public sealed class AppRole
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string Name { get; set; } = "";

    public string NormalizedName { get; set; } = "";

    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString();
}
