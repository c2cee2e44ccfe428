namespace Procurement.Web.Infrastructure.Filters;

/// <summary>The action never writes: <see cref="TransactionFilter"/> opens no transaction for it (error pages).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class NoTransactionAttribute : Attribute;
