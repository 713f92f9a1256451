//! Accounts of harm in the phrases people tell them with, where the story reader
//! (`stories/`) has no clause to follow: silence as punishment, the person's own excuse,
//! checking up through others, money counted, rules and curfews, passwords and phones taken
//! over, injuries covered up, children used, papers threatened, care refused; calls that never
//! stopped, permission begged for the ordinary, doors barred, debts put in a name, bodies
//! weighed, protection refused; and control told without a blow: clothes forbidden, jealousy
//! as an accusation, checks made on a person, memory and sanity denied ("told me I was
//! overreacting", "said I'd got it wrong"), work sabotaged, a partner kept calm at any cost.

use super::*;

pub(super) const RULES: &[RuleDef] = &[
    // Stories the concept reader (`stories/`) leaves to phrases: silence as punishment, the
    // person's own excuse for it, checking up through others, money accounted for, friends
    // cut away, put-downs about who someone is, fear lived in.
    rule(
        S(SafetyKind::HarmReport),
        ALL,
        &[
            "gave|gives|give|giving me the silent treatment",
            "@doer *3 silent treatment",
            "speak|speaking|talk|talking|spoke|word to me for *2 days|weeks|months|week|month|fortnight",
            "ignored|ignores|ignoring me for *2 days|weeks|months|week|month|fortnight",
            "@doer *8 to punish me",
            "my (own|) fault (he|she|that he|that she) *1 shouts|shouted|yells|yelled|hits|hit|hurt|hurts|gets|got|loses|lost|snaps|snapped|screams|screamed|explodes|exploded|kicks|kicked",
            "i probably|really|maybe deserved it",
            "i deserved it *3 should not have",
            "i made|make him|her (do it|hit|hurt|angry|lose|snap|shout)",
            "rang|ring|rings|called|calls|phoned|phones my work|office|boss|family|mum|mom|parents|friends|sister|brother to check|ask|see|find",
            "to check up on me",
            "@doer *3 tracking|tracks|tracked|following|follows|followed my car|phone|location",
            "checked|checks|check the mileage",
            "@doer *2 demanded to know",
            "demanding|demanded|demands|demand to know (who|where|what|why) i",
            "(interrogation|interrogations|inquisition|third degree) (about|over|on) who|where|what|why",
            "(photo|photos|picture|pictures|selfie|selfies|video|proof) of who i am|was with",
            "proof of where i am|was|went|had been",
            "every minute|second|hour|move|step of my day",
            "(explain|justify|account for) every penny|purchase|receipt|pound|cent|dollar|minute|thing",
            "every penny|purchase|receipt|withdrawal (had to|was|got) *1 justified|explained|questioned|checked|approved",
            "ask|asked|beg|begged|asking|begging him|her for (money|cash|the card|food)",
            "not allowed (my own|my|a|any|to have) *1 (@finance|phone|friends|job|car)",
            "ran|run|runs|took|takes up|out *4 in my name",
            "moved|put|transferred|puts *3 into|in his|her name",
            "made|makes|make me choose between",
            "@doer *3 isolated|isolates me",
            "stopped|stops me (from|) seeing|going|working|visiting|talking|leaving",
            "drove|drives|driven|pushed away|off my friends|family",
            "@doer *2 told|tells me i was|am|looked|look|sounded *2 (@insult|@negadj|fat|ugly|worthless|useless|nothing|disgusting)",
            "made|makes fun of my weight|body|looks|face|accent|appearance|family|intelligence|voice|teeth|skin",
            "lived|lives in fear",
            "afraid|scared|terrified|frightened of going|coming home",
            // Hurt done to pets, friends turned away with words, rules set for one person.
            "@doer *2 hurt|hurts|kicked|kicks|hit|hits|beat|beats|threw|strangled|drowned|killed|threatened the|my|our dog|cat|puppy|kitten|pet|pets|dogs|cats",
            "told|tells|tell|telling me (that|) my friends|family|sister|brother|mum|mom|dad|parents were|was|are|is fake|using|jealous|against|bad|toxic|lying|talking|trying|out",
            "turned|turns|turning me against",
            "rules|timetable|schedule|curfew|curfews for me",
            "i was|am not|never allowed (to go|to see|to leave|to work|to have|to drive|to use|to talk|to call|out|my own|a phone|a bank|a card|any money|friends)",
            "had|have to ask him|her (before|if|whether|for permission)",
            // Kept in reach: messages every few minutes, an answer or else.
            "text|texts|texted|call|calls|called|ring|rings|rang|message|messaged me every (few|five|ten|twenty|thirty|fifteen|couple of) minutes|mins|seconds",
            "if i (did not|would not|could not) (reply|answer|pick up|text back|call back) *4 he|she would|went|got",
            // Silence, moods, money counted, passwords and phones taken over.
            "went|goes|go|gone|going cold|quiet|silent (on me|) for *2 days|weeks|months|week|month|fortnight",
            "what|which|whatever mood he|she would|was|might|will be",
            "pray|prayed|praying he|she would|was|will be in a good mood",
            "@doer *2 counted|counts the|every|my change|receipts|pennies|money|shopping",
            "where every penny|pound|cent|dollar (went|goes|had gone)",
            "changed|changes the password|passwords on|to (all my|my)",
            "@doer *2 deleted|deletes *2 my messages|texts|contacts|voicemails|friends|photos|accounts|emails",
            "took|takes|pulled (the|) (battery|sim|sim card) out of my",
            // Names called, luck told, excuses made for them, fear of being killed.
            "@doer *2 calls|called|call me (a|an|) *2 (@vneg|@insult|@negadj)",
            "@doer *2 tell|telling me (that|) i was|am|looked|look *2 (@insult|@negadj|@vneg|fat|ugly|worthless|useless|nothing|disgusting)",
            "lucky anyone|someone|somebody would|wanted|puts|put|could",
            "my fault (really|) for winding|making|upsetting|annoying|provoking|pushing|setting him|her",
            "know better than to (push|annoy|upset|provoke|wind|anger|argue with) him|her",
            "gets|got like that when|because he|she is|was stressed|tired|drunk|drinking|under",
            "he|she was|were going to kill|hurt me",
            "screamed|scream|screams|yelled|yell|yells|shouted|shout|shouts *5 at me in (front of|the middle of|public)",
            "@doer *10 so (that|) i (could not|can not|would not|was not able to) go|leave|get|call|see|talk|use|escape|contact|work|eat|sleep|reach",
            // Injuries covered up, liquids poured over, children used, papers threatened, care
            // refused, a face threatened.
            "hide|cover|covering|hiding|covered|hid (up|) the|my (bruises|marks|black eye|split lip)",
            "(black eye|split lip|cracked rib|broken rib|broken nose|dislocated shoulder|concussion|finger marks|fingerprints|marks on my neck) from|after him|her",
            "(bruises|black eye|split lip) *8 (told everyone|said) i fell|walked|slipped|tripped",
            "walked|walk into a door|cupboard|wall",
            "@doer *2 poured|pour|pours|tipped|tip|tips|threw|spat *6 over|on|at me",
            "@doer *3 cracked|clipped|clouted me (over|on|across|round|around) the *1 @body",
            "told|tells|telling the|our|my kids|children (it was my fault|i was|that i)",
            "kids|children taken (off|from|away from) me",
            "have|get|got me deported",
            "call|calling|called immigration (on me|)",
            "(refused|refuses|would not|did not) (to|) take|drive|give me (to|a lift to|a ride to) (the|) hospital|doctor|doctors",
            "(would not|refused to|will not) buy me *4 until",
            "@doer *6 break|smash my face|neck|legs|arms|teeth|jaw",
            "(where i am|where i was) and who i (am|was|am with|was with) every",
            "makes|made faces|signs at me to (hang up|hurry up|get off)",
            "walked|walking|walk|tiptoed|tiptoeing (on|around on) eggshells",
            // Fear of a temper that could turn at anything, and put-downs made in company.
            "never know|knew what (will|would|might|could) set him|her off",
            "(take|takes|took) much|little|nothing|anything to set him|her off",
            "anything|everything|little things|the smallest thing|the slightest thing (would|could|will|can|might|) set|sets him|her off",
            "scared|afraid|terrified|frightened to leave|end|break|go|say|tell *8 what he|she would|will|might|could do",
            "@doer *4 takes|took|taking|take it out on (me|us|the kids|the children)",
            "@doer *2 clenched|clenching|clenches (his|her) fists|fist",
            "never know|knew which|what version of him|her",
            "(digs|jibes|jabs|put-downs|snide comments|snide remarks) about *6 in front of",
        ],
        "",
        "",
    )
    .tried(
        "She gave me the silent treatment for a week.",
        "She made fun of my terrible puns and I laughed.",
    ),
    // Harm told through what it made the person do or live with: calls that never stopped,
    // names, permission asked for the ordinary, doors barred, holes in the walls, debts put in
    // their name, a body weighed and dieted, protection refused, threats against anyone they
    // spoke to, a price told ("he'd say I'd regret it").
    rule(
        S(SafetyKind::HarmReport),
        ALL,
        &[
            "@doer *4 calling|call|ring|ringing|texting|messaging *6 (all night|all day|non-stop|nonstop|over and over|every five minutes|every ten minutes)",
            "@doer *4 calling|called|ringing|rang|texting|texted *6 at|until two|three|four|five|2|3|4|5 in the morning",
            "(hundred|hundreds of|dozens of) messages|texts|calls|voicemails *4 (calling|calling me|names|saying|telling)",
            "@doer *4 calling|called|calls me names",
            "i (was not|were not|am not|was never|never was) *1 allowed to",
            "i had|have to beg|ask to|for|permission|before *3 use|eat|shower|go|see|leave|sleep|have|buy|wash",
            "i had|have to beg to|for",
            "(chair|bed|wardrobe|table|chest of drawers|dresser) (against|in front of) the|my *1 door",
            "lock|locked|locking myself in *4 until|when|so he|she",
            "holes in *2 door|doors|wall|walls|plaster",
            "@doer *3 put|puts *3 in my name *6 debt|debts|loans|owed|bills",
            "@doer *8 weighed|weighs|weighing me",
            "@doer *3 timed|times|timing my",
            "@doer *3 (opened|took out|applied for|ran up|signed up for) *4 in my name",
            "@doer *8 put|puts me on *2 diet",
            "@doer *3 (stopped|refused|would not) *2 protection|condom|condoms|contraception",
            "@doer *3 (hid|flushed|binned|threw away|threw out) my (pill|pills|contraception|birth control)",
            "@doer *2 would threaten|threaten|threatened|threatens him|her|them|my",
            "@doer *2 (would say|said|says|told me) i would (regret|be sorry|pay)",
            "@doer *3 told|tells everyone|everybody i had|was|am *2 (cheated|cheating|lying|lied|crazy|mad|unstable|abusive|drunk|a liar|mental)",
            // Blows told without a doer beside them, or as an attempt; names called.
            "@doer *3 took|takes|taking a swing|swipe|punch|shot at me",
            "thump|blow|punch|kick|smack|whack|shove on|to|in|across the|my *4 @body",
            "@doer *8 calls|called|calling me (@vneg|@insult)",
            // Care turned against a person who needs it: the chair out of reach, carers driven
            // off, left in wet clothes, told to be grateful.
            "took|take|lifted|lift|pulled|pull|tipped|tip|dragged|drag me out of my wheelchair|chair|bed",
            "my @need *6 i (could not|can not|could never) reach",
            "drove|driven|drives *3 (carers|carer|support workers|nurses|friends|family) away",
            "leave|left|leaves me in wet|soiled|dirty clothes|sheets|bed|nappies",
            "should be grateful anyone|anybody|someone|he|she would|will (put up with|want|have|touch) *4 me",
        ],
        "",
        "",
    )
    .tried(
        "He'd ring all night until I picked up, then leave voicemails calling me names.",
        "He kept calling until I picked up, he'd found my lost wallet.",
    ),
    // Control told without a blow: what to wear forbidden, jealousy spoken as an accusation,
    // checks made on the author, memory denied, work sabotaged, guilt for a life of one's own,
    // a person kept calm at any cost.
    rule(
        S(SafetyKind::HarmReport),
        ALL,
        &[
            "told|tell|tells|telling me i (was not|am not|was never|were not) wearing|going|seeing|leaving|having",
            "(made|make|makes|sent|send|sends) me *2 (back|upstairs) *2 to change",
            "(acted|acts|acting|made out|makes out|carried on|went on) (like|as if) i was|were *4 (cheating|another man|another woman|someone else|an affair|sleeping|flirting|other men|other women)",
            "i (would get|got|get|was|would be|used to get) questioned|interrogated|grilled|quizzed|cross-examined about|over (it|him|her|who|where|what|why|every|them)",
            "to check (that|if|whether|) i was|am|were (there|really|actually|where|at|with|home)",
            "@doer *6 (went|goes|go|would go|going) through the|my bins|rubbish *2 to see|check|find",
            "@doer *6 (went|goes|go|would go|going) through my wallet|drawers|statements|things|stuff",
            "(made|makes|make) me (feel|think) (like|that|) i was|am|were (going|) (mad|crazy|insane|mental|losing my mind|imagining)",
            "(said|says|insisted|insists|insisting|swore|swears|told me) *3 (never happened|did not happen|i was imagining|i imagined it|i made it up|i was making it up|i was remembering it wrong|i dreamt it|i was crazy)",
            "@doer *4 (got|gets|get) me (sacked|fired|suspended|sent home) (by|from|$|for|after|when|,)",
            "@doer *6 ringing|rang|rings|called|calling|phoned|phoning my boss|manager|work|office *3 (telling|saying|and told|and said|to tell|to say)",
            "(tear|tore|tears|tearing) me down",
            "@actor *3 put|puts|putting me down (in front|in public|all the time|constantly|every|whenever|about my|and|,|$)",
            "@doer *3 (made|makes|make) me feel (terrible|guilty|awful|bad|horrible|selfish) for (wanting|going|seeing|having|spending|working|meeting)",
            "sulk|sulks|sulked|sulking on|at|with me for *2 days|weeks|months|week|month|fortnight",
            "sulk|sulks|sulked|sulking for *2 days|weeks|months|week|month|fortnight (if|when|after|because|until|whenever) i",
            "(to|just to|all to) keep him|her (calm|sweet|from kicking off|from exploding)",
            // Memory and sanity denied: told one is confused, oversensitive, the problem.
            "@doer *3 (told|tells|tell|telling|said|says|insisted|insists|would tell|would say|swore|kept telling) *2 i (was|am|were|must be|must have been|had been|was being|am being|would be) *2 @unsound (,|and|.|$|about|over|for|because|when|whenever|every|all|again|if|to everyone)",
            "@doer *3 (told|tells|tell|telling|said|says|insisted|insists|would tell|would say|swore) *2 everyone|everybody *4 i (was|am|were|had) *4 (@unsound|problem)",
            "@doer *6 (said|says|told me|tells me|would say) i (could not|can not|could never|can never) take a joke",
            "@doer *6 i (had|would|have) got *4 wrong",
            "get my memory|head|brain (checked|tested|looked at|seen to)",
            "(act|acted|acts|acting) (like|as if) i (had|would|have) (lost|forgotten|imagined|moved|broken|hidden) them|it",
            "@doer *3 (rewrite|rewrote|rewrites|rewriting|twist|twisted|twists|twisting) (every|what|everything|my words|history|the story)",
            "@doer *2 laughed|laughs|laughing (at me|) when i (said i was|told him i was|told her i was|was) (hurt|upset|in pain|crying)",
            "@doer *3 (made|makes|make|would make) a scene (when|whenever|if|every time) (i|my|they|friends|anyone|people|someone)",
            "@doer *3 (decides|decided|decide|chooses|chose) who (comes|came|visits|visited|can come|could come|is allowed|was allowed|i see|i saw)",
        ],
        "",
        "",
    )
    .tried(
        "He'd tell me I wasn't wearing that and send me back upstairs to change.",
        "He told me I was wearing my jumper inside out and we both laughed.",
    ),
];
