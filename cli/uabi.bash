# shellcheck shell=bash
# bash completion for uabi, installed as share/bash-completion/completions/uabi.
# The subcommands, each one's options and the values of --format and
# --fail-on are read from the uabi being completed ('uabi --help', 'uabi CMD
# --help'), the profile and arch names (--profile, --arch) from 'uabi
# profiles', so the completion follows the binary it completes; --header
# completes include names from the tree given on the line (--kernel-tree,
# --headers, --old, --new). Plain bash: no bash-completion helpers.

# _uabi_opts HELP: one line per option of a --help text: "NAMES META TEXT", separated by \037 (tabs would merge an empty META)
_uabi_opts() {
	awk '/^  -/ {
		line = $0; sub(/^  /, "", line)
		split(line, part, /  +/)
		n = split(part[1], t, /[ ,]+/)
		names = ""; meta = ""
		for (i = 1; i <= n; i++)
			if (t[i] ~ /^-/) names = names " " t[i]; else if (t[i] != "") meta = t[i]
		print substr(names, 2) "\037" meta "\037" part[2]
	}' <<<"$1"
}

# the uabi installed beside this file (PREFIX/share/bash-completion/completions
# -> PREFIX/bin/uabi): used when the word typed is not on PATH
_uabi_beside=${BASH_SOURCE[0]%/share/bash-completion/completions/*}/bin/uabi

_uabi() {
	local bin=${COMP_WORDS[0]} cur=${COMP_WORDS[COMP_CWORD]} prev='' cmd='' help i names meta text
	local -a words=() more=()
	COMPREPLY=()
	if ! command -v "$bin" >/dev/null 2>&1 && [[ -x $_uabi_beside ]]; then
		bin=$_uabi_beside
	fi
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	# --opt=value: bash splits at '='
	if [[ $cur == = ]]; then
		prev=${COMP_WORDS[COMP_CWORD - 1]} cur=
	elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
		prev=${COMP_WORDS[COMP_CWORD - 2]}
	fi
	for ((i = 1; i < COMP_CWORD; i++)); do
		if [[ ${COMP_WORDS[i]} != -* ]]; then
			cmd=${COMP_WORDS[i]}
			break
		fi
	done

	if [[ -z $cmd || $cmd == help ]]; then
		local cmds
		cmds=$("$bin" --help 2>/dev/null | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } /^$/ { on = 0 }')
		if [[ -z $cmd ]]; then
			mapfile -t COMPREPLY < <(compgen -W "$cmds help --help --version" -- "$cur")
		elif ((COMP_CWORD == i + 1)); then
			mapfile -t COMPREPLY < <(compgen -W "$cmds" -- "$cur")
		fi
		return 0
	fi
	help=$("$bin" "$cmd" --help 2>/dev/null) || return 0

	# the value of the option before the cursor
	if [[ $prev == -* ]]; then
		local values
		while IFS=$'\037' read -r names meta text; do
			[[ " $names " == *" $prev "* ]] || continue
			case $prev:$meta in
			*:) break ;;	# a flag: complete options below
			--format:* | --fail-on:*)
				values=${text//(default)/}
				values=${values//,/ }
				values=${values// or / }
				mapfile -t COMPREPLY < <(compgen -W "$values" -- "$cur")
				;;
			--only:*)
				mapfile -t COMPREPLY < <(compgen -W "actionable" -- "$cur")
				;;
			--arch:*)
				local arches pre=
				arches=$("$bin" profiles 2>/dev/null | awk 'NR > 1 && /^[a-z0-9]/ && !seen[$2]++ { print $2 }')
				[[ $cur == *,* ]] && pre=${cur%,*},
				mapfile -t COMPREPLY < <(compgen -P "$pre" -W "$arches" -- "${cur##*,}")
				compopt -o nospace 2>/dev/null
				;;
			--profile:*)
				local profs pre=
				profs=$("$bin" profiles 2>/dev/null | awk 'NR > 1 && /^[a-z0-9]/ { print $1 }')
				# a comma list: complete its last element
				[[ $cur == *,* ]] && pre=${cur%,*},
				mapfile -t COMPREPLY < <(compgen -P "$pre" -W "all $profs" -- "${cur##*,}")
				compopt -o nospace 2>/dev/null
				;;
			--header:*)
				# include names from the tree the line names: DIR/include/uapi
				# (and the arches' asm/) of a kernel tree, DIR of installed headers
				local root='' j f base
				local -a bases=() found=()
				for ((j = 1; j < COMP_CWORD - 1; j++)); do
					case ${COMP_WORDS[j]} in
					--kernel-tree | --headers | --old | --new)
						root=${COMP_WORDS[j + 1]}
						[[ $root == = ]] && root=${COMP_WORDS[j + 2]}
						;;
					esac
				done
				root=${root/#\~/$HOME}
				if [[ -d $root/include/uapi ]]; then
					bases=("$root/include/uapi" "$root"/arch/*/include/uapi)
				elif [[ -n $root && -d $root ]]; then
					bases=("$root")
				fi
				for base in "${bases[@]}"; do
					[[ -d $base ]] || continue
					while IFS= read -r f; do
						if [[ -d $f ]]; then
							found+=("${f#"$base"/}/")
						elif [[ $f == *.h ]]; then
							found+=("${f#"$base"/}")
						fi
					done < <(compgen -f -- "$base/$cur")
				done
				mapfile -t COMPREPLY < <(printf '%s\n' "${found[@]}" | LC_ALL=C sort -u | grep -v '^$')
				[[ " ${COMPREPLY[*]} " == *"/ "* ]] && compopt -o nospace 2>/dev/null
				;;
			*:DIR)
				compopt -o filenames 2>/dev/null
				mapfile -t COMPREPLY < <(compgen -d -- "$cur")
				;;
			*:FILE | *:PATH)
				compopt -o filenames 2>/dev/null
				mapfile -t COMPREPLY < <(compgen -f -- "$cur")
				;;
			esac
			[[ -n $meta ]] && return 0
			break
		done < <(_uabi_opts "$help")
	fi
	if [[ $cur == -* || -z $cur ]]; then
		while IFS=$'\037' read -r names meta text; do
			read -ra more <<<"$names"
			words+=("${more[@]}")
		done < <(_uabi_opts "$help")
		mapfile -t COMPREPLY < <(compgen -W "${words[*]} --help" -- "$cur")
		return 0
	fi
	# operands (dumps, objects): files
	compopt -o filenames 2>/dev/null
	mapfile -t COMPREPLY < <(compgen -f -- "$cur")
}

complete -F _uabi uabi
