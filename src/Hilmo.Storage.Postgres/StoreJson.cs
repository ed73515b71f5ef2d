using System.Text.Json.Serialization;

namespace Hilmo.Storage.Postgres;

/// <summary>The little JSON the store writes into its own columns, serialised without reflection.</summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class StoreJson : JsonSerializerContext;
