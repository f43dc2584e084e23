//! The module's heap: the standard allocator, with the WebAssembly memory grown in large steps.
//!
//! The standard allocator of `wasm32-unknown-unknown` (dlmalloc) grows the memory by what the
//! allocation in hand needs, rounded to 64 KiB. Each `memory.grow` detaches the JavaScript
//! `ArrayBuffer` over the memory and reports the new size to V8 as external memory, and V8 answers
//! a run of such reports with full garbage collections of the whole JavaScript heap: planning a
//! sync of 40,000 records ran 130 full collections in one call, a cost that grows with the
//! records times the heap, hence quadratic (a second identical call, on memory already grown, ran
//! none). This allocator forwards every call to the standard one and, whenever that one had to
//! grow the memory, allocates and frees at once a block as large as the memory already is (up to
//! [`MAX_STEP`]): the freed block joins the allocator's free space at the top of the heap, so the
//! memory grows geometrically (about 8 times up to 256 MiB, then by 256 MiB), and never more than
//! [`MAX_STEP`] beyond what was needed.

use std::alloc::{GlobalAlloc, Layout, System};
use std::arch::wasm32::memory_size;
use std::sync::atomic::{AtomicU32, Ordering};

/// The bytes of a WebAssembly page.
const PAGE: usize = 1 << 16;

/// The largest block reserved at once: past 256 MiB the memory grows by 256 MiB at a time, which
/// keeps the growths few without holding much more than is used.
const MAX_STEP: usize = 256 << 20;

/// How many times the memory grew since the module started (a growth of the standard allocator
/// and the reservation that follows it count one).
static GROWTHS: AtomicU32 = AtomicU32::new(0);

/// How many times the WebAssembly memory grew since the module started: 4 to 6 for a first
/// `planSync` of 10,000 to 200,000 records, since each growth at least doubles it (up to 256 MiB).
#[cfg(feature = "data")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = heapGrowths)]
pub fn heap_growths() -> u32 {
    GROWTHS.load(Ordering::Relaxed)
}

/// The standard allocator, reserving ahead whenever it grew the memory.
struct GeometricHeap;

#[global_allocator]
static HEAP: GeometricHeap = GeometricHeap;

/// The memory's size in pages.
fn pages() -> usize {
    memory_size::<0>()
}

/// After the standard allocator grew the memory: makes it take a block as large as the memory
/// (at most [`MAX_STEP`]) and free it, so that it grows once by that much and keeps the block as
/// free space. Nothing happens when the memory cannot grow so far.
fn reserve_ahead() {
    GROWTHS.fetch_add(1, Ordering::Relaxed);
    let step = pages().saturating_mul(PAGE).min(MAX_STEP);
    let Ok(layout) = Layout::from_size_align(step, PAGE) else {
        return;
    };
    // SAFETY: `layout` has a non-zero size (the memory is never empty); the block is freed with
    // the layout it was allocated with, and only when the allocation succeeded.
    unsafe {
        let block = System.alloc(layout);
        if !block.is_null() {
            System.dealloc(block, layout);
        }
    }
}

// SAFETY: every call is forwarded to `System` with its own arguments, so the contract of
// `GlobalAlloc` holds as it does for `System`; `reserve_ahead` only allocates and frees a block
// of its own.
unsafe impl GlobalAlloc for GeometricHeap {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let before = pages();
        // SAFETY: the caller's contract, forwarded.
        let block = unsafe { System.alloc(layout) };
        if pages() != before {
            reserve_ahead();
        }
        block
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let before = pages();
        // SAFETY: the caller's contract, forwarded.
        let block = unsafe { System.alloc_zeroed(layout) };
        if pages() != before {
            reserve_ahead();
        }
        block
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract, forwarded.
        unsafe { System.dealloc(block, layout) }
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let before = pages();
        // SAFETY: the caller's contract, forwarded.
        let moved = unsafe { System.realloc(block, layout, new_size) };
        if pages() != before {
            reserve_ahead();
        }
        moved
    }
}
