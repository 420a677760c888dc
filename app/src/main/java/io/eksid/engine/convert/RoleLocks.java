package io.eksid.engine.convert;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock per IAM role: a role's trust policy is read, rewritten and written by one worker at a time, with the
 * fresh GetRole immediately before the write. IAM has no conditional update, so this plus the re-read after the
 * write is what prevents the lost updates of parallel per-service-account rewrites (FACTS.md, eksctl).
 */
final class RoleLocks {

    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    <T> T withRole(String roleArn, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(roleArn, k -> new ReentrantLock());
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
