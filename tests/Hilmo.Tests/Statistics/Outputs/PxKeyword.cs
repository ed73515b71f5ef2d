namespace Hilmo.Tests.Statistics.Outputs;

/// <summary>One keyword of a PX file.</summary>
internal sealed record PxKeyword(string Name, string? Language, IReadOnlyList<string> Subkeys, IReadOnlyList<string> Values);
