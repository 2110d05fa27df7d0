"use client"

import { useCallback, useEffect, useRef, useState } from "react"
import { NoteCard, type NoteCardNote } from "@/components/note-card"
import { feedHref, type FeedQuery } from "@/lib/feed"
import { loadFeedPage } from "./actions"
import styles from "./discover.module.css"

type Block = { page: number; notes: NoteCardNote[] }

/**
 * The Discover feed from `page` on: the server renders the first block and
 * a real "Load more" link to the next page (which works without
 * JavaScript); with it, the next page is fetched (server action) and
 * appended as the reader nears the link, or when they follow it. Each page
 * is its own masonry block, so cards already on screen never move. New
 * cards are announced politely and focus stays where it is.
 */
export function Feed({
  query,
  page,
  notes,
  hasMore,
}: {
  query: FeedQuery
  page: number
  notes: NoteCardNote[]
  hasMore: boolean
}) {
  const [blocks, setBlocks] = useState<Block[]>([{ page, notes }])
  const [next, setNext] = useState<number | null>(hasMore ? page + 1 : null)
  const [failed, setFailed] = useState(false)
  const [busy, setBusy] = useState(false)
  const [announcement, setAnnouncement] = useState("")
  const loading = useRef(false)
  const seen = useRef(new Set(notes.map((n) => n.id)))
  const more = useRef<HTMLAnchorElement>(null)

  const load = useCallback(async () => {
    if (next === null || loading.current) {
      return
    }
    loading.current = true
    setBusy(true)
    try {
      const result = await loadFeedPage(query, next)
      // A note published meanwhile shifts the pages by one: a card already
      // shown comes again at the top of the next page.
      const fresh = result.notes.filter((n) => !seen.current.has(n.id))
      fresh.forEach((n) => seen.current.add(n.id))
      setBlocks((b) => [...b, { page: next, notes: fresh }])
      setNext(result.hasMore ? next + 1 : null)
      setFailed(false)
      setAnnouncement(
        `${fresh.length} more ${fresh.length === 1 ? "note" : "notes"} loaded.${
          result.hasMore ? "" : " That is all."
        }`
      )
    } catch {
      setFailed(true)
      setAnnouncement("More notes could not be loaded. Try Load more again.")
    } finally {
      loading.current = false
      setBusy(false)
    }
  }, [query, next])

  // A fresh observer for each next page: it reports at once whether the
  // link is (still) near the screen, so a short page keeps loading. After
  // a failure only the link retries.
  useEffect(() => {
    const link = more.current
    if (
      !link ||
      next === null ||
      failed ||
      !("IntersectionObserver" in window)
    ) {
      return
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          void load()
        }
      },
      { rootMargin: "0px 0px 600px 0px" }
    )
    observer.observe(link)
    return () => observer.disconnect()
  }, [load, next, failed])

  return (
    <div aria-busy={busy}>
      {blocks.map((block, b) => (
        <ul
          key={block.page}
          className={styles.feed}
          aria-label={blocks.length > 1 ? `Page ${block.page}` : undefined}
        >
          {block.notes.map((note, i) => (
            <li key={note.id} className={styles.card}>
              <NoteCard note={note} eager={b === 0 && i < 4} />
            </li>
          ))}
        </ul>
      ))}
      <p role="status" className={styles.visuallyHidden}>
        {announcement}
      </p>
      {next !== null && (
        <p className={styles.more}>
          <a
            ref={more}
            href={feedHref(query, next)}
            className={styles.moreLink}
            onClick={(e) => {
              // A new tab or window still opens the next page itself.
              if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) {
                return
              }
              e.preventDefault()
              void load()
            }}
          >
            Load more
          </a>
        </p>
      )}
    </div>
  )
}
