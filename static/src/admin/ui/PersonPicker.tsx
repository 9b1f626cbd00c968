import Spinner from '@atlaskit/spinner';
import Textfield from '@atlaskit/textfield';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { messageOf } from '../../api';
import type { Person } from '../adminApi';

const DEBOUNCE_MS = 250;

type Results =
  | { status: 'idle' }
  | { status: 'searching' }
  | { status: 'done'; people: Person[] }
  | { status: 'error'; message: string };

/**
 * A people typeahead (ARIA 1.2 combobox with a listbox popup): type a name, pick with the arrow keys and Enter, or
 * click. Searches Jira's users through the resolver, debounced; people already listed are left out.
 */
export function PersonPicker({
  label,
  search,
  onPick,
  exclude = [],
  testId,
  disabled = false,
  placeholder = 'Type a name or email',
}: {
  label: string;
  search: (query: string) => Promise<Person[]>;
  onPick: (person: Person) => void;
  exclude?: readonly string[];
  testId: string;
  disabled?: boolean;
  placeholder?: string;
}) {
  const inputId = useId();
  const listId = useId();
  const hintId = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [results, setResults] = useState<Results>({ status: 'idle' });
  const [active, setActive] = useState(0);
  const searchRef = useRef(search);
  useEffect(() => {
    searchRef.current = search;
  }, [search]);

  useEffect(() => {
    const q = query.trim();
    if (q === '') {
      setResults({ status: 'idle' });
      return undefined;
    }
    let live = true;
    setResults({ status: 'searching' });
    const timer = setTimeout(() => {
      searchRef.current(q).then(
        (people) => {
          if (live) {
            setResults({ status: 'done', people });
            setActive(0);
          }
        },
        (error: unknown) => {
          if (live) setResults({ status: 'error', message: messageOf(error) });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);

  const options = results.status === 'done' ? results.people.filter((p) => !exclude.includes(p.accountId)) : [];
  const expanded = open && query.trim() !== '';
  const activeOption = expanded ? options[active] : undefined;

  function pick(person: Person): void {
    onPick(person);
    setQuery('');
    setOpen(false);
    setResults({ status: 'idle' });
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      if (options.length > 0) setActive((i) => (i + 1) % options.length);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      if (options.length > 0) setActive((i) => (i - 1 + options.length) % options.length);
    } else if (event.key === 'Enter') {
      if (activeOption) {
        event.preventDefault();
        pick(activeOption);
      }
    } else if (event.key === 'Escape') {
      if (expanded) {
        event.preventDefault();
        setOpen(false);
      } else setQuery('');
    }
  }

  return (
    <div className="sd-picker">
      <label className="sd-label" htmlFor={inputId}>
        {label}
      </label>
      <Textfield
        id={inputId}
        testId={testId}
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-describedby={hintId}
        aria-activedescendant={activeOption ? `${listId}-${activeOption.accountId}` : undefined}
        isDisabled={disabled}
        placeholder={placeholder}
        value={query}
        onChange={(e) => {
          setQuery(e.currentTarget.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        elemAfterInput={
          results.status === 'searching' ? (
            <span style={{ paddingInlineEnd: 'var(--ds-space-100, 8px)', display: 'flex' }}>
              <Spinner size="small" label="Searching" />
            </span>
          ) : undefined
        }
      />
      <span id={hintId} className="sd-visually-hidden">
        Type to search, use the arrow keys to choose and Enter to add.
      </span>
      <ul id={listId} role="listbox" aria-label={`${label}: results`} className="sd-picker-list" hidden={!expanded}>
        {expanded && results.status === 'done' && options.length === 0 ? (
          <li className="sd-picker-note" role="presentation">
            {results.people.length > 0 ? 'Everyone found is already listed.' : `Nobody matches “${query.trim()}”.`}
          </li>
        ) : null}
        {expanded && results.status === 'error' ? (
          <li className="sd-picker-note" role="presentation">
            The search failed: {results.message}
          </li>
        ) : null}
        {expanded && results.status === 'searching' ? (
          <li className="sd-picker-note" role="presentation">
            Searching…
          </li>
        ) : null}
        {expanded
          ? options.map((person, i) => (
              <li
                key={person.accountId}
                id={`${listId}-${person.accountId}`}
                role="option"
                aria-selected={i === active}
                data-testid={`sd-person-option-${person.accountId}`}
                className="sd-picker-option"
                onMouseDown={(e) => e.preventDefault()}
                onMouseEnter={() => setActive(i)}
                onClick={() => pick(person)}
              >
                {person.displayName}
                {person.accountType && person.accountType !== 'atlassian' ? (
                  <span className="sd-hint"> ({person.accountType})</span>
                ) : null}
              </li>
            ))
          : null}
      </ul>
    </div>
  );
}
