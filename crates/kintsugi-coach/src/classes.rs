//! The coach's word classes: plain lists of lower-case words, by name (used in patterns as
//! `@name`). `lexicon.rs` compiles them, with VADER's two classes, into one lookup.

/// The word classes, by name. Names are used in patterns as `@name`.
pub(crate) const CLASSES: &[(&str, &str)] = &[
    ("be", "are were be being am is was"),
    // Everyday errands and travel: a message about them with nothing harsh in it is logistics.
    (
        "errand",
        "flight flights delayed traffic meeting meetings shift train bus plane airport station \
         store supermarket groceries milk bread eggs pharmacy prescription dentist doctor \
         appointment pickup parking petrol gas charger battery package parcel delivery plumber \
         babysitter voicemail signal keys umbrella lunch jacket coat film movie cinema tickets \
         reservation booking boiler heating plasters bins wifi",
    ),
    // Verbs of taking part in a conversation: refused, they close it ("I'm not engaging").
    (
        "engage",
        "engage engaging discuss discussing talk talking argue arguing respond responding answer \
         answering listen listening debate debating entertain entertaining continue continuing \
         explain explaining justify justifying reply replying",
    ),
    (
        "intens",
        "so such a an the really very too totally completely just most biggest absolute absolutely \
         utterly truly incredibly unbelievably extremely pretty always being such complete total \
         real little big fucking damn freaking",
    ),
    // Character traits that turn a complaint into an attack on who someone is (criticism).
    (
        "trait",
        "selfish lazy irresponsible liar inconsiderate careless unreliable thoughtless \
         self-centered self-centred self-absorbed narcissist narcissistic controlling heartless \
         cruel rude manipulative dishonest untrustworthy cheater cheat needy clingy bossy \
         arrogant stubborn unfaithful disloyal fake hypocrite hypocritical coward cowardly \
         spineless ungrateful toxic negligent insensitive entitled spoiled greedy stingy nag \
         selfishness unbearable impossible hopeless heartless egotistical vain jealous possessive \
         sneaky deceitful lying cheating useless worst terrible awful horrible irresponsible \
         immature childish unreasonable disrespectful ignorant incompetent slob",
    ),
    // Insults and words of disgust (contempt).
    (
        "insult",
        "idiot moron loser pathetic stupid dumb imbecile jerk joke clown fool freak psycho pig \
         disgusting disgrace embarrassment worthless failure brat bitch bastard asshole dick \
         prick trash garbage laughable ridiculous dumbass retard retarded creep creepy \
         repulsive vile scum leech parasite nobody baby crybaby wimp coward",
    ),
    // Someone other than the author or the partner: an actor in a report of harm.
    (
        "actor",
        "he she they partner husband wife boyfriend girlfriend fiance fiancé fiancee spouse ex \
         him her",
    ),
    // Physical violence and intimidation (reports of harm).
    (
        "violent",
        "shoved shoves shove slapped slaps punched punches kicked kicks choked chokes strangled \
         strangles raped spat dragged drags attacked attacks restrained cornered corners pinned \
         shoving slapping punching kicking choking strangling spitting dragging attacking \
         pinning raping strangle choke punch slap kick",
    ),
    // Verbs that are violent only with a person or a way out as their object.
    (
        "violentweak",
        "pushed pushes hit hits grabbed grabs threw throws beat beats hurt hurts hurting forced \
         forces blocked blocks threatened threatens bit bites burned trapped traps \
         smashed smashes pushing hitting grabbing throwing beating forcing blocking \
         threatening biting burning trapping smashing",
    ),
    // What is done to a person, as the author tells it in the passive ("I was hit"): a harm.
    // Feelings ("hurt") and figures of speech ("thrown", "cut off") are left out.
    (
        "harmed",
        "hit punched choked strangled slapped shoved pushed kicked beaten beat raped assaulted \
         attacked abused molested grabbed dragged bitten burned burnt threatened followed stalked \
         tracked monitored locked trapped cornered pinned restrained isolated controlled forced \
         injured stabbed spat watched",
    ),
    // What a threat says will be done to someone ("I'll drown you", "knock your teeth out").
    (
        "hurtdo",
        "kill hurt hit punch beat drown strangle choke stab shoot burn break knock smash slap kick \
         murder bury end destroy ruin cut strangle smother",
    ),
    // Controlling acts when someone else does them to the author (reports of coercive control).
    (
        "controls",
        "reads read checks checked monitors monitored tracks tracked takes took controls \
         controlled forbids forbade isolates isolated follows followed watches watched \
         goes went demands demanded",
    ),
    // Things a person may be asked to hand over or expose: objects of control demands.
    (
        "ctlobj",
        "password passwords passcode passcodes pin phone phones messages message texts text \
         emails email inbox dms chats chat whatsapp location locations whereabouts gps \
         history browser accounts account bank socials instagram facebook snapchat tiktok \
         contacts friends receipts photo photos selfie selfies call calls calendar diary journal \
         laptop computer screenshots screenshot schedule breaks keys passport passwords \
         call-log logs statements",
    ),
    // Feelings words the author reports about themself (never coached).
    (
        "feeling",
        "feel felt feeling afraid scared anxious worried hurt sad lonely alone angry upset \
         overwhelmed frustrated disappointed ashamed guilty insecure unsafe nervous stressed \
         tense jealous confused tired exhausted",
    ),
    // A time to come back: turns "I don't want to talk about it" into a healthy pause.
    (
        "later",
        "later tomorrow tonight when after minutes minute hour hours break pause calm calmer \
         ready moment morning evening weekend soon bit now",
    ),
    // Predicate words that read as warm or positive (praise, not criticism).
    (
        "positive",
        "laugh laughing smile smiling love loving kind kindest kindness calm help helps helped \
         helping support supports supported supportive know knows funny care cares caring sweet \
         patient generous thoughtful remember remembers notice notices listen listens beautiful \
         great wonderful amazing best good lovely happy happier safe better encourage \
         encourages believe believes cheer cheers brighten brightens appreciate thank thanks \
         proud warm gentle gently hug hugs comfort comforts protect protects make makes find \
         finds surprise surprises amaze amazes back incredible awesome fantastic brilliant \
         gorgeous stunning",
    ),
    // Predicate words that read as a complaint.
    (
        "negative",
        "late forget forgets forgot ignore ignores ignored lie lies lied cheat cheats mess \
         messes screw screws complain complains nag nags yell yells shout shouts whine whines \
         break breaks broke fail fails failed neglect neglects abandon abandons blame blames \
         criticize criticizes criticise interrupt interrupts embarrass embarrasses humiliate \
         humiliates waste wastes ruin ruins ruined disappear disappears vanish \
         bother bothers storm storms sulk sulks cancel cancels flake \
         flakes wrong bad mistake mistakes selfish lazy rude mean cold angry hurt hurts \
         disappoint disappoints attack attacks twist twists turn turns exaggerate exaggerates \
         overreact overreacts stress stresses annoy annoys excuse excuses",
    ),
    // Verbs that judge what someone did rather than describe it: an I-statement can't restate
    // them ("when you overreacted" keeps the accusation), so it asks what happened instead.
    (
        "judgement",
        "overreact overreacts overreacted overreacting nag nags nagged nagging whine whines \
         whined whining exaggerate exaggerates exaggerated exaggerating manipulate manipulates \
         manipulated manipulating neglect neglects neglected sulk sulks sulked sulking smother \
         smothers smothered gaslight gaslights gaslighted gaslit twist twists twisted \
         guilt-trip guilt-trips guilt-tripped overthink overthinks overthought freak freaks \
         freaked ruin ruins ruined sabotage sabotages sabotaged selfish lazy rude mean \
         dramatic crazy childish pathetic",
    ),
    // Words that, after "never", describe something good a person does (never + forget = praise).
    (
        "failverb",
        "forget forgets fail fails miss misses complain complains judge judges hesitate \
         hesitates disappoint disappoints quit quits stop stops doubt doubts cease ceases",
    ),
    // Negative evaluations of a person: character words beyond `trait`, the kind a person
    // reads as a verdict on who they are (a curated valence list, grouped by sense).
    (
        "negadj",
        "clueless lousy hopeless helpless useless pointless careless heartless mindless \
         thoughtless spineless shameless ruthless worthless tactless gutless clingy needy \
         cold distant frigid cruel mean nasty vicious spiteful vindictive petty bitter \
         negative pessimistic grumpy moody miserable difficult impossible unbearable \
         insufferable exhausting draining toxic messy sloppy disorganized disorganised \
         dramatic hysterical paranoid crazy insane unstable irrational unreasonable \
         stupid dumb dense thick slow clumsy incompetent incapable inept hopeless \
         unreliable untrustworthy dishonest deceitful sneaky shady fake phony phoney \
         two-faced lazy idle useless spoiled spoilt entitled ungrateful selfish greedy \
         stingy cheap snobby arrogant smug condescending patronizing patronising \
         judgmental judgemental critical controlling bossy demanding nagging whiny \
         whining weak pathetic boring dull stubborn rigid closed-minded narrow-minded \
         irresponsible immature childish juvenile reckless careless negligent rude \
         disrespectful inconsiderate insensitive unkind uncaring unloving unsupportive \
         cowardly jealous possessive obsessive manipulative abusive hostile aggressive \
         a-hole terrible awful horrible dreadful appalling disgraceful embarrassing \
         mess disaster nightmare failure liar cheat slob hypocrite martyr bully",
    ),
    // Praise words that, in a sneer, say the opposite (sarcasm).
    (
        "irony",
        "genius brilliant stellar hero masterpiece fantastic superb marvellous marvelous \
         impressive outstanding spectacular phenomenal legend champion saint",
    ),
    // What a person feels or values: stated for the partner, they make a verdict on their heart.
    (
        "feelverb",
        "care cares love loves respect respects value values want wants like likes trust \
         trusts appreciate appreciates mean means matter matters cared loved respected \
         valued wanted liked trusted appreciated",
    ),
    // Spending and going out: what a demand for permission is about.
    (
        "outing",
        "buy spend purchase order go leave see visit meet travel book",
    ),
    // Words that close a conversation when they are nearly all a message says.
    (
        "closing",
        "fine k kk ok okay whatever enough bye nope done later care nothing forget drop off \
         interested pointless bother comment",
    ),
    // Absolute adverbs that generalize behaviour into character.
    ("absolute", "always never constantly continually forever"),
    // Third-person verbs of reporting: what follows is someone else's words.
    (
        "report",
        "said says told tells asked asks wrote writes called calls yelled yells screamed screams",
    ),
    (
        "third",
        "he she they mom dad mother father sister brother friend friends someone people everyone",
    ),
    // Outcomes that turn a condition into a threat (ultimatum).
    (
        "outcome",
        "done over through finished leaving gone out divorce divorcing leave kick throw move \
         end ending break breaking call tell solicitor lawyer court taking changing walk",
    ),
    (
        "belongings",
        "money paycheck salary wages wallet cards card keys passport car savings medication meds \
         pills medicine insulin inhaler id glasses",
    ),
    ("kids", "kids children kid child son daughter baby"),
    // States a person is in, which a caring message names ("are you hurt?", "you seem sad"):
    // never a verdict on who they are, whatever their valence.
    (
        "state",
        "sad upset hurt hurting angry mad annoyed scared afraid frightened worried anxious \
         stressed tired exhausted sick ill unwell lonely depressed down low disappointed \
         frustrated overwhelmed nervous sorry embarrassed ashamed guilty confused lost injured \
         bored crying cry cried broken heartbroken devastated grieving pain sore struggling \
         miserable unhappy alone ache aching fear afraid panicked panicking shaken hungover \
         stuck trapped burned burnt weak",
    ),
    // Words written in capitals for emphasis ("SO", "NEVER"): no members; the tokenizer
    // sets the class from how a word is written.
    ("shout", ""),
    // Parts of the body: with a rough verb and someone else as its subject, a report of harm.
    (
        "body",
        "wrist wrists arm arms neck throat hair face head jaw ribs chest leg legs hand hands \
         finger fingers stomach eye eyes nose lip lips mouth shoulder shoulders back skin",
    ),
    // Rough handling a person does to someone's body.
    (
        "rough",
        "twisted twists yanked yanks squeezed squeezes bent bruised bruises slammed slams pulled \
         pulls scratched scratches pinched pinches dug gripped grips wrenched \
         wrenches crushed crushes stamped stomped banged bangs cut cuts burned burns bit bites",
    ),
    // ------------------------------------------------------------ stories of harm (stories/)
    // Who does it in a story told about a partner: the partner in the third person.
    (
        "doer",
        "he she husband wife boyfriend girlfriend partner bf gf ex fiance fiancé fiancee spouse \
         hubby abuser",
    ),
    // Blows and rough hands: harm when a person or a part of their body follows.
    (
        "strike",
        "hit hits hitting slapped slaps slapping punched punches punching kicked kicks kicking \
         choked chokes choking strangled strangles strangling shoved shoves shoving pushed \
         pushes pushing grabbed grabs dragged drags dragging threw throws throwing pinned pins \
         pinning beat beats beating smacked smacks whacked bit bites burned burns spat spits \
         slammed slams kneed headbutted tripped yanked yanks twisted twists shook shakes \
         cornered corners restrained scratched squeezed gripped pinched wrenched bruised \
         strangle choke punch slap kick shove drag pin throw hurl hurled hurls clobbered \
         walloped thumped socked clawed flail flailed flailing lashed",
    ),
    // Rage at someone: harm when it is the partner's habit and reaches the author or the
    // children ("she'd scream at me over a spoon in the sink").
    (
        "rage",
        "screamed scream screams screaming yelled yell yells yelling shouted shout shouts \
         shouting raged rage rages raging roared roar roars roaring swore swear swears swearing \
         exploded explode explodes exploding ranted rant rants ranting bellowed bellow bellows \
         furious livid",
    ),
    // Things thrown in a rage, not at anyone in particular.
    (
        "thrown",
        "plates plate chairs chair things stuff whatever furniture glasses cups mugs bottles \
         dishes food everything anything",
    ),
    // Made to: what a person is made to do, given up or handed over.
    (
        "coerce",
        "made makes forced forces pressured pressures ordered orders pushed",
    ),
    (
        "coerced",
        "quit give stop sell wear change delete block unfollow hand show unlock sleep stay \
         apologise apologize beg account explain justify cut move cancel choose sign pay leave \
         kneel drop abort",
    ),
    // Choices taken over: what a person wears, eats, sees, does.
    (
        "decide",
        "decided decides deciding chose chooses choosing picked picks dictated dictates \
         dictating controlled controls controlling policed polices vetoed ruled told tells \
         ordered orders approved",
    ),
    // The parts of a life whose choices can be taken over.
    (
        "life",
        "clothes outfit outfits clothing hair makeup make-up friends friendships meals food diet \
         job career weight family schedule spending shoes dresses bedtime time everything \
         life",
    ),
    // Withholding: taken, hidden or locked away.
    (
        "withhold",
        "hid hides hide hiding took takes taking kept keeps keeping locked locks withheld \
         withholds rationed rations denied confiscated binned flushed smashed broke",
    ),
    // What a person needs to live and to leave.
    (
        "need",
        "food fridge meds medication medicine pills inhaler insulin keys key car glasses \
         wheelchair passport documents visa heating water charger phone wallet purse",
    ),
    // Money taken over.
    (
        "takeover",
        "took takes controlled controls closed closes emptied empties drained drains cleared \
         froze spent spends moved stole steals kept keeps ran grabbed snatched",
    ),
    (
        "finance",
        "account accounts bank banking wages paycheck paycheque salary savings money finances \
         cards card credit benefits pension loan loans debt debts pay allowance chequebook \
         checkbook statements mortgage",
    ),
    // Fear lived in.
    (
        "dread",
        "dreaded dread dreading terrified frightened petrified scared afraid feared fear fearful \
         edge eggshells tiptoe tiptoed tiptoeing flinch flinched flinches froze cowered \
         shaking trembled trembling tensed tensing",
    ),
    // Watching what a person does.
    (
        "watch",
        "checked checks checking read reads reading searched searches searching tracked tracks \
         tracking monitored monitors monitoring scrolled snooped snoops installed went goes go \
         looked listened listens",
    ),
    (
        "watched",
        "phone phones messages texts emails email bag handbag purse pockets laptop computer \
         mileage location receipts browser history diary post mail accounts whatsapp \
         instagram facebook voicemails voicemail contacts calls",
    ),
    // Private pictures and what was sent in trust: threatened with, they are leverage.
    (
        "exposed",
        "photos photo pictures picture pics pic nudes nude selfies video videos tape tapes \
         footage recording recordings screenshots sexts",
    ),
    // The people in a person's life, and the open internet: who a threat would show things to.
    (
        "audience",
        "everyone everybody family parents mum mom mother dad father boss bosses coworkers \
         co-workers colleagues workmates work office friends church internet online inbox \
         inboxes world school neighbours neighbors kids children husband wife followers",
    ),
    // What a threat promises: harm, leaving, taking, telling, showing, reporting.
    (
        "menace",
        "kill hurt hit punch beat drown strangle choke stab shoot burn break knock smash slap \
         kick murder bury end destroy ruin cut smother leave take tell post share send leak \
         call report deport expose throw lock sell divorce out have get make stop withdraw \
         cancel",
    ),
    // Things struck in anger (a wall punched); a ball kicked or the air punched is play.
    (
        "struck",
        "wall walls door doors dashboard dash windscreen windshield window windows mirror \
         mirrors cupboard cupboards wardrobe fridge furniture steering",
    ),
    // A verdict on a person's mind, told of as the partner's: "said I was overreacting".
    (
        "unsound",
        "sensitive oversensitive overreacting overreacted overreact irrational crazy confused \
         imagining imagined paranoid insane hysterical delusional unstable mental \
         psycho nuts",
    ),
    // Questioning as an accusation.
    (
        "probe",
        "interrogated interrogates interrogate interrogating grilled grills grill quizzed \
         quizzes cross-examined accused accuses accusing questioned questions questioning",
    ),
    // Put-downs.
    (
        "mock",
        "mocked mocks mocking belittled belittles belittling ridiculed ridicules humiliated \
         humiliates humiliating insulted insults degraded degrades shamed sneered jeered",
    ),
];
