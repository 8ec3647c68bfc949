#ifndef ALLOCATION_COUNTER_H
#define ALLOCATION_COUNTER_H

/// Heap allocations (malloc, calloc, realloc, aligned allocations) made by any thread of
/// this process since it started.
unsigned long long allocation_counter_total(void);

#endif
