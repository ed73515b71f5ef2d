using System.Collections.Immutable;
using System.Reflection;

namespace Hilmo.Notifications;

/// <summary>
/// Every field the register stores, with the sensitivity tier declared beside its definition
/// (<see cref="SensitivityAttribute"/>): the fields of the three registers' records, found by walking
/// the record models from <see cref="ServiceEvent"/>, <see cref="HealthCarePeriod"/> and
/// <see cref="SocialCarePeriod"/>, and what ingest derives from the identity code (<see cref="ClientIdentity"/>).
/// </summary>
public static class StoredFields
{
    private static readonly Type[] Roots = [typeof(ServiceEvent), typeof(HealthCarePeriod), typeof(SocialCarePeriod), typeof(ClientIdentity)];

    /// <summary>Every stored field once, in the order the models declare them.</summary>
    public static IReadOnlyList<StoredField> All { get; } = Walk();

    /// <summary>The stored field <paramref name="property"/> of <typeparamref name="TOwner"/>.</summary>
    /// <exception cref="ArgumentException">No such stored field.</exception>
    public static StoredField Of<TOwner>(string property) =>
        All.FirstOrDefault(f => f.Owner == typeof(TOwner) && f.Property == property)
        ?? throw new ArgumentException($"{typeof(TOwner).Name}.{property} is not a stored field.", nameof(property));

    /// <summary>
    /// The properties of the record models that hold data but declare no tier: a stored field
    /// added without one. Empty when the catalogue is complete (a test holds it so).
    /// </summary>
    public static IReadOnlyList<string> Undeclared { get; } = FieldProperties().Where(p => p.Sensitivity is null).Select(p => $"{p.Owner.Name}.{p.Property.Name}").ToList();

    private static List<StoredField> Walk() =>
        [.. FieldProperties().Where(p => p.Sensitivity is not null)
            .Select(p => new StoredField(p.Owner, p.Property.Name, p.Sensitivity!.Name, p.Sensitivity.Tier, p.Sensitivity.Linkage))];

    /// <summary>The data-holding properties reachable from the roots; a property holding another model (a group) is walked into, not listed.</summary>
    private static IEnumerable<(Type Owner, PropertyInfo Property, SensitivityAttribute? Sensitivity)> FieldProperties()
    {
        var seen = new HashSet<(Type, string)>();
        var queue = new Queue<Type>(Roots);
        var visited = new HashSet<Type>();
        while (queue.Count > 0)
        {
            var type = queue.Dequeue();
            if (!visited.Add(type))
            {
                continue;
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (!property.CanWrite || property.Name == "EqualityContract")
                {
                    continue;
                }

                // A property declared on a base record belongs to it, listed once.
                var owner = property.DeclaringType!;
                if (ModelOf(property.PropertyType) is { } group)
                {
                    queue.Enqueue(group);
                }
                else if (seen.Add((owner, property.Name)))
                {
                    yield return (owner, property, property.GetCustomAttribute<SensitivityAttribute>());
                }
            }
        }
    }

    /// <summary>The record model a property holds (itself or as the items of a list), or null for a value.</summary>
    private static Type? ModelOf(Type type)
    {
        var item = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>) ? type.GetGenericArguments()[0] : type;
        item = Nullable.GetUnderlyingType(item) ?? item;
        return item.Namespace == typeof(Notification).Namespace && item.IsClass && item != typeof(string) && !item.IsEnum ? item : null;
    }
}

/// <summary>A stored field and its sensitivity.</summary>
/// <param name="Owner">The record model that defines it.</param>
/// <param name="Property">Its property in the model.</param>
/// <param name="Name">Its wire name, or the register's own for a field derived at ingest.</param>
/// <param name="Tier">Its sensitivity tier.</param>
/// <param name="Linkage">For a restricted field, its kind.</param>
public sealed record StoredField(Type Owner, string Property, string Name, SensitivityClass Tier, Linkage Linkage)
{
    public override string ToString() => $"{Owner.Name}.{Property} [{Name}]";
}
