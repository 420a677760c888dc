package io.eksid.model;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.function.Function;

/**
 * An immutable list that also finds an element by its key in O(1), through a map built at the first lookup and
 * kept with the list: a snapshot's lists are looked up by name many times, but many snapshots are never looked
 * up at all. The first element wins for a key that repeats. Equal to any list with the same elements.
 */
final class KeyedList<K, E> extends AbstractList<E> implements RandomAccess {

    private final List<E> items;
    private final Function<E, K> key;
    private volatile Map<K, E> index;

    private KeyedList(List<E> items, Function<E, K> key) {
        this.items = items;
        this.key = key;
    }

    static <K, E> List<E> of(List<E> items, Function<E, K> key) {
        return new KeyedList<>(List.copyOf(items == null ? List.of() : items), key);
    }

    /** The element with this key in a list made by {@link #of}; any other list is searched. */
    @SuppressWarnings("unchecked")
    static <K, E> Optional<E> find(List<E> list, Function<E, K> key, K wanted) {
        if (list instanceof KeyedList<?, ?> keyed) {
            return Optional.ofNullable(((KeyedList<K, E>) keyed).index().get(wanted));
        }
        return list.stream().filter(e -> key.apply(e).equals(wanted)).findFirst();
    }

    private Map<K, E> index() {
        Map<K, E> m = index;
        if (m == null) {
            // Racing first lookups build equal maps; either may be kept.
            Map<K, E> built = new HashMap<>(items.size() * 2);
            for (E e : items) {
                built.putIfAbsent(key.apply(e), e);
            }
            index = m = built;
        }
        return m;
    }

    @Override
    public E get(int i) {
        return items.get(i);
    }

    @Override
    public int size() {
        return items.size();
    }
}
