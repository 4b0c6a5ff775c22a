import { expect } from 'vitest'
import { create, expectConflict, group, isConflict } from './case-store-check-helpers'
import type { CaseStoreCheck } from './case-store-checks'
import { buildCreate, buildStoredCase } from './case-store-fixtures'

/** Checks of the {@link SequenceAllocator} contract: values taken inside the commit, gap-free. */
export function sequenceAllocatorChecks(): CaseStoreCheck[] {
  return [...sequenceChecks(), ...allocationChecks()]
}

function sequenceChecks(): CaseStoreCheck[] {
  const scope = 'balongbendo:2026'
  return group('currentSequence', {
    'currentSequence() is 0 for a sequence never taken, and each name and scope counts on its own': async (
      store,
    ) => {
      expect(await store.currentSequence('register', scope)).toBe(0)
      await create(store, { id: 'case-1' }, { sequences: [{ name: 'register', scope, value: 1 }] })
      await create(store, { id: 'case-2' }, { sequences: [{ name: 'register', scope, value: 2 }] })
      await create(
        store,
        { id: 'case-3' },
        { sequences: [{ name: 'register', scope: 'krian:2026', value: 1 }] },
      )
      expect(await store.currentSequence('register', scope)).toBe(2)
      expect(await store.currentSequence('register', 'krian:2026')).toBe(1)
      expect(await store.currentSequence('tracking', scope)).toBe(0)
    },
    'commit() rejects a sequence claim that skips ahead or repeats with ConflictError': async (store) => {
      const claim = (value: number) => ({ sequences: [{ name: 'register', scope, value }] })
      await expectConflict(store.commit(buildCreate(buildStoredCase({ id: 'case-1' }), claim(2))))
      expect(await store.load('case-1')).toBeNull()
      await create(store, { id: 'case-1' }, claim(1))
      await expectConflict(store.commit(buildCreate(buildStoredCase({ id: 'case-2' }), claim(1))))
      expect(await store.load('case-2')).toBeNull()
      expect(await store.currentSequence('register', scope)).toBe(1)
    },
    '50 concurrent commits racing for the next register number get 1..50 exactly': async (store) => {
      const take = async (id: string): Promise<number> => {
        for (let attempt = 0; attempt < 200; attempt++) {
          const value = (await store.currentSequence('register', scope)) + 1
          const c = buildStoredCase({ id, data: { registerNumber: value } })
          try {
            await store.commit(buildCreate(c, { sequences: [{ name: 'register', scope, value }] }))
            return value
          } catch (error) {
            if (!isConflict(error)) throw error
          }
        }
        throw new Error(`${id} got no register number in 200 attempts`)
      }
      const caseIds = Array.from({ length: 50 }, (_, i) => `case-${String(i).padStart(2, '0')}`)
      const taken = await Promise.all(caseIds.map(take))
      expect([...taken].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
      expect(await store.currentSequence('register', scope)).toBe(50)
      for (const [i, id] of caseIds.entries()) {
        expect((await store.load(id))?.data).toEqual({ registerNumber: taken[i] })
      }
    },
  })
}

function allocationChecks(): CaseStoreCheck[] {
  const scope = 'balongbendo:2026'
  const allocate = (id: string, after: (values: readonly number[]) => void = () => {}) => {
    const c = buildStoredCase({ id })
    return buildCreate(c, {
      sequences: [
        { name: 'tracking', scope },
        { name: 'register', scope },
        { name: 'tracking', scope },
      ],
      complete: (values) => {
        after(values)
        return { case: { ...c, trackingCode: `T-${values[0]}`, data: { values: [...values] } } }
      },
    })
  }
  return group('allocation', {
    'commit() allocates the next value of each claim without a value and hands them to complete()': async (
      store,
    ) => {
      await store.commit(allocate('case-1'))
      expect((await store.load('case-1'))?.data).toEqual({ values: [1, 1, 2] })
      expect((await store.load('case-1'))?.trackingCode).toBe('T-1')
      await store.commit(allocate('case-2'))
      expect((await store.load('case-2'))?.data).toEqual({ values: [3, 2, 4] })
      expect(await store.currentSequence('tracking', scope)).toBe(4)
      expect(await store.currentSequence('register', scope)).toBe(2)
    },
    'a commit that fails after taking a number leaves no gap': async (store) => {
      await store.commit(allocate('case-1'))
      // complete() throws after the values were taken: nothing is written, no number is used up.
      await expect(
        store.commit(
          allocate('case-2', () => {
            throw new Error('boom')
          }),
        ),
      ).rejects.toThrow()
      expect(await store.load('case-2')).toBeNull()
      expect(await store.currentSequence('tracking', scope)).toBe(2)
      // A commit that fails later (its case exists already) takes nothing either.
      await expectConflict(store.commit(allocate('case-1')))
      expect(await store.currentSequence('tracking', scope)).toBe(2)
      await store.commit(allocate('case-2'))
      expect((await store.load('case-2'))?.data).toEqual({ values: [3, 2, 4] })
    },
    '50 concurrent commits allocating inside the commit get 1..50 exactly, none retried': async (store) => {
      const ids = Array.from({ length: 50 }, (_, i) => `case-${String(i).padStart(2, '0')}`)
      let conflicts = 0
      await Promise.all(
        ids.map(async (id) => {
          const c = buildStoredCase({ id })
          try {
            await store.commit(
              buildCreate(c, {
                sequences: [{ name: 'register', scope }],
                complete: ([value]) => ({ case: { ...c, data: { registerNumber: value! } } }),
              }),
            )
          } catch (error) {
            if (isConflict(error)) conflicts++
            throw error
          }
        }),
      )
      expect(conflicts).toBe(0)
      const taken = await Promise.all(
        ids.map(async (id) => ((await store.load(id))!.data as { registerNumber: number }).registerNumber),
      )
      expect([...taken].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
      expect(await store.currentSequence('register', scope)).toBe(50)
    },
  })
}
